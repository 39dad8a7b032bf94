/** How the real-time layer runs: plugin options win over env, env over defaults. */
export interface RealtimeConfig {
  /** Interval of the `: ping` comment that keeps proxies from closing an idle stream. */
  pingMs: number;
  /** Redis that carries events between app nodes, used when the app's pub/sub has no adapter of its own. */
  redisUrl?: string;
  /** Open streams one user may hold on this node; a new one past it closes that user's oldest. */
  maxStreamsPerUser: number;
  /** Open streams on this node; past it a new one is answered 503 (the client retries, maybe on another node). */
  maxStreams: number;
  /** Bytes a stream may hold for a slow reader before it is closed (the reader catches up by replay). */
  streamBufferBytes: number;
  /** Stream requests checked and opened at once; the others wait their turn (see stream-gate.ts). */
  streamOpensAtOnce: number;
}

export const DEFAULT_PING_MS = 30_000;
export const DEFAULT_MAX_STREAMS_PER_USER = 10;
export const DEFAULT_MAX_STREAMS = 20_000;
export const DEFAULT_STREAM_BUFFER_BYTES = 256 * 1024;
export const DEFAULT_STREAM_OPENS_AT_ONCE = 4;

export interface RealtimeOptions {
  streamPingMs?: unknown;
  redisUrl?: unknown;
  maxStreamsPerUser?: unknown;
  maxStreams?: unknown;
  streamBufferBytes?: unknown;
  streamOpensAtOnce?: unknown;
}

const positiveInt = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

const nonEmpty = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/**
 * Pure: the config from the plugin's options and the env (`INBOX_STREAM_PING_MS`, `INBOX_REDIS_URL`,
 * `INBOX_MAX_STREAMS_PER_USER`, `INBOX_MAX_STREAMS`, `INBOX_STREAM_BUFFER_BYTES`, `INBOX_STREAM_OPENS_AT_ONCE`).
 */
export function realtimeConfig(options: RealtimeOptions = {}, env: NodeJS.ProcessEnv = process.env): RealtimeConfig {
  return {
    pingMs: positiveInt(options.streamPingMs) ?? positiveInt(env.INBOX_STREAM_PING_MS) ?? DEFAULT_PING_MS,
    redisUrl: nonEmpty(options.redisUrl) ?? nonEmpty(env.INBOX_REDIS_URL),
    maxStreamsPerUser:
      positiveInt(options.maxStreamsPerUser) ?? positiveInt(env.INBOX_MAX_STREAMS_PER_USER) ?? DEFAULT_MAX_STREAMS_PER_USER,
    maxStreams: positiveInt(options.maxStreams) ?? positiveInt(env.INBOX_MAX_STREAMS) ?? DEFAULT_MAX_STREAMS,
    streamBufferBytes:
      positiveInt(options.streamBufferBytes) ?? positiveInt(env.INBOX_STREAM_BUFFER_BYTES) ?? DEFAULT_STREAM_BUFFER_BYTES,
    streamOpensAtOnce:
      positiveInt(options.streamOpensAtOnce) ?? positiveInt(env.INBOX_STREAM_OPENS_AT_ONCE) ?? DEFAULT_STREAM_OPENS_AT_ONCE,
  };
}

/** Pure: whether ioredis can take `url` (it throws on anything else, which would stop the app's start). */
export function isRedisUrl(url: string): boolean {
  try {
    const { protocol, port } = new URL(url);
    return (protocol === 'redis:' || protocol === 'rediss:') && (port === '' || /^\d+$/.test(port));
  } catch {
    return false;
  }
}
