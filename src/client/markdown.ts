import MarkdownIt from 'markdown-it';
import { classifyLink } from '../shared/safe-url';
import { viewTarget } from './links';

interface RenderEnv {
  basename: string;
}

/**
 * Message content is markdown written by workflow authors, who may paste anything: raw HTML is kept as text,
 * and links and images must pass the same check as the View link (app path or http(s)).
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });
md.validateLink = (url) => classifyLink(url) !== null;
// Only bare addresses with a scheme become links: an error text such as `context.user.name` is not a web address.
md.linkify.set({ fuzzyLink: false });

md.renderer.rules.link_open = (tokens, idx, options, env: RenderEnv, self) => {
  const token = tokens[idx];
  const target = viewTarget(token.attrGet('href'), env.basename);
  if (target?.kind === 'app') {
    token.attrSet('href', target.href);
    token.attrSet('data-app-path', target.path);
  } else if (target?.kind === 'external') {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer');
  }
  return self.renderToken(tokens, idx, options);
};

const renderImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('loading', 'lazy');
  tokens[idx].attrSet('referrerpolicy', 'no-referrer');
  tokens[idx].attrSet('style', 'max-width:100%');
  return renderImage(tokens, idx, options, env, self);
};

/** Pure: safe HTML for a message's markdown. App links carry `data-app-path` for in-app navigation. */
export function renderMarkdown(content: string, basename = ''): string {
  return md.render(content ?? '', { basename } satisfies RenderEnv);
}

/** Pure: the first line of a message as plain text, for a toast. */
export function firstLine(content: string, maxChars = 140): string {
  const line = (content ?? '').split('\n').find((text) => text.trim() !== '') ?? '';
  const plain = line
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s*(?:#{1,6}|>|[-*+]|\d+\.)\s+/, '')
    .replace(/[*_`~]/g, '')
    .trim();
  return plain.length > maxChars ? `${plain.slice(0, maxChars - 1)}…` : plain;
}
