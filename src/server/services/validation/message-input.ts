import { DEFAULT_LEVEL, LEVELS, Level } from '../../../shared/constants';
import { ACTION_KEY_PATTERN, ACTION_LIMITS, ACTION_STYLES, ActionStyle, MessageAction } from '../../../shared/message-actions';
import { classifyLink } from '../../../shared/safe-url';
import { invalid } from '../errors';
import { cleanContent, hasNul, isBlank, lineProblem } from './text-rules';
import { LIMITS } from '../../../shared/contract';

/** What a sender asks for, as it arrives (from an action, the workflow node or another plugin). */
export interface MessageInput {
  channelName?: unknown;
  receivers?: unknown;
  title?: unknown;
  content?: unknown;
  level?: unknown;
  url?: unknown;
  options?: unknown;
  actions?: unknown;
}

/** The same message once checked: every field typed, defaults applied. */
export interface MessageFields {
  channelName: string;
  title: string;
  content: string;
  level: Level;
  url: string | null;
  options: Record<string, unknown>;
  actions: MessageAction[];
}

const OPTIONS_MAX_BYTES = 8 * 1024;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A one-line text: trimmed, not blank (zero-width characters alone are blank), no control or bidi characters. */
export function checkLine(field: string, value: unknown, maxChars: number): string {
  if (typeof value !== 'string' || isBlank(value)) throw invalid(field, 'is required');
  const text = value.trim();
  const problem = lineProblem(text);
  if (problem) throw invalid(field, problem);
  if (text.length > maxChars) throw invalid(field, `must be at most ${maxChars} characters`);
  return text;
}

const checkTitle = (value: unknown): string => checkLine('title', value, LIMITS.titleChars);

function checkContent(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw invalid('content', 'must be a string');
  if (value.includes('\u0000')) throw invalid('content', 'must not contain NUL characters');
  if (Buffer.byteLength(value, 'utf8') > LIMITS.contentBytes) {
    throw invalid('content', `must be at most ${LIMITS.contentBytes / 1024} KB`);
  }
  return cleanContent(value);
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
  if (hasNul(value)) throw invalid('options', 'must not contain NUL characters');
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

function checkAction(value: unknown, index: number): MessageAction {
  const field = `actions[${index}]`;
  if (!isPlainObject(value)) throw invalid(field, 'must be an object with a key and a title');
  const { key, title, style, url } = value;
  if (typeof key !== 'string' || !ACTION_KEY_PATTERN.test(key)) {
    throw invalid(`${field}.key`, `must be 1 to ${ACTION_LIMITS.keyChars} letters, digits, "-" or "_"`);
  }
  const action: MessageAction = { key, title: checkLine(`${field}.title`, title, ACTION_LIMITS.titleChars) };
  if (style !== undefined && style !== null && style !== '') {
    if (!ACTION_STYLES.includes(style as ActionStyle)) throw invalid(`${field}.style`, `must be one of ${ACTION_STYLES.join(', ')}`);
    action.style = style as ActionStyle;
  }
  if (url !== undefined && url !== null && url !== '') {
    // the same rules as the message's View link
    const link = classifyLink(typeof url === 'string' ? url.trim() : url);
    if (!link) throw invalid(`${field}.url`, 'must be an app path starting with "/" or an http(s) URL');
    action.url = link.href;
  }
  return action;
}

/** Pure: up to three buttons, each key once. */
export function checkActions(value: unknown): MessageAction[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid('actions', 'must be a list');
  if (value.length > ACTION_LIMITS.count) throw invalid('actions', `must be at most ${ACTION_LIMITS.count}`);
  const actions = value.map(checkAction);
  const keys = new Set(actions.map((action) => action.key));
  if (keys.size !== actions.length) throw invalid('actions', 'each key must be used once');
  return actions;
}

function checkChannelName(value: unknown): string {
  return checkLine('channelName', value, 255);
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
    actions: checkActions(input.actions),
  };
}
