import { DEFAULT_LEVEL, LEVELS, LIMITS, Level } from '../../constants';
import { classifyLink } from '../../shared/safe-url';
import { invalid } from './errors';

/** What a sender asks for, as it arrives (from an action, the workflow node or another plugin). */
export interface MessageInput {
  channelName?: unknown;
  receivers?: unknown;
  title?: unknown;
  content?: unknown;
  level?: unknown;
  url?: unknown;
  options?: unknown;
}

/** The same message once checked: every field typed, defaults applied. */
export interface MessageFields {
  channelName: string;
  title: string;
  content: string;
  level: Level;
  url: string | null;
  options: Record<string, unknown>;
}

const OPTIONS_MAX_BYTES = 8 * 1024;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkTitle(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid('title', 'is required');
  }
  const title = value.trim();
  if (title.length > LIMITS.titleChars) {
    throw invalid('title', `must be at most ${LIMITS.titleChars} characters`);
  }
  return title;
}

function checkContent(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw invalid('content', 'must be a string');
  if (Buffer.byteLength(value, 'utf8') > LIMITS.contentBytes) {
    throw invalid('content', `must be at most ${LIMITS.contentBytes / 1024} KB`);
  }
  return value;
}

function checkLevel(value: unknown): Level {
  if (value === undefined || value === null || value === '') return DEFAULT_LEVEL;
  if (!LEVELS.includes(value as Level)) throw invalid('level', `must be one of ${LEVELS.join(', ')}`);
  return value as Level;
}

function checkUrl(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const link = classifyLink(typeof value === 'string' ? value.trim() : value);
  if (!link) throw invalid('url', 'must be an app path starting with "/" or an http(s) URL');
  return link.href;
}

function checkOptions(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw invalid('options', 'must be an object');
  if (Buffer.byteLength(JSON.stringify(value), 'utf8') > OPTIONS_MAX_BYTES) {
    throw invalid('options', `must be at most ${OPTIONS_MAX_BYTES / 1024} KB`);
  }
  // the link the mobile pages open (the official plugin's format): held to the same rules as `url`
  const { mobileUrl } = value;
  if (mobileUrl === undefined || mobileUrl === null || mobileUrl === '') return value;
  const link = classifyLink(typeof mobileUrl === 'string' ? mobileUrl.trim() : mobileUrl);
  if (!link) throw invalid('options.mobileUrl', 'must be an app path starting with "/" or an http(s) URL');
  return { ...value, mobileUrl: link.href };
}

function checkChannelName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid('channelName', 'is required');
  return value.trim();
}

/** Pure: checks and normalises every field, or throws a 400 naming the first bad one. */
export function checkMessage(input: MessageInput): MessageFields {
  if (!isPlainObject(input)) throw invalid('message', 'must be an object');
  return {
    channelName: checkChannelName(input.channelName),
    title: checkTitle(input.title),
    content: checkContent(input.content),
    level: checkLevel(input.level),
    url: checkUrl(input.url),
    options: checkOptions(input.options),
  };
}
