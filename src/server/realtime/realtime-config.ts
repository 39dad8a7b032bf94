/** How the real-time layer runs: plugin options win over env, env over defaults. */
export interface RealtimeConfig {
  /** Interval of the `: ping` comment that keeps proxies from closing an idle stream. */
  pingMs: number;
  /** Redis that carries events between app nodes, used when the app's pub/sub has no adapter of its own. */
  redisUrl?: string;
}

export const DEFAULT_PING_MS = 30_000;

export interface RealtimeOptions {
  streamPingMs?: unknown;
  redisUrl?: unknown;
}

const positiveInt = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

const nonEmpty = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** Pure: the config from the plugin's options and the env (`INBOX_STREAM_PING_MS`, `INBOX_REDIS_URL`). */
export function realtimeConfig(options: RealtimeOptions = {}, env: NodeJS.ProcessEnv = process.env): RealtimeConfig {
  return {
    pingMs: positiveInt(options.streamPingMs) ?? positiveInt(env.INBOX_STREAM_PING_MS) ?? DEFAULT_PING_MS,
    redisUrl: nonEmpty(options.redisUrl) ?? nonEmpty(env.INBOX_REDIS_URL),
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
