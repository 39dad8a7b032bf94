import React, { useMemo } from 'react';
import { renderMarkdown } from '../markdown';
import { useInboxEnv } from './InboxEnv';

const isPlainClick = (event: React.MouseEvent) =>
  event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

/** A message's markdown, rendered inert; a click on an app link navigates inside the app instead of reloading it. */
export function MarkdownContent({ content, onNavigate }: { content: string; onNavigate?: () => void }) {
  const { basename, navigate } = useInboxEnv();
  const html = useMemo(() => renderMarkdown(content, basename), [content, basename]);
  if (!content) return null;

  const onClick = (event: React.MouseEvent<HTMLDivElement>) => {
    const anchor = (event.target as HTMLElement).closest?.('a[data-app-path]');
    if (!anchor || !isPlainClick(event)) return;
    event.preventDefault();
    navigate(anchor.getAttribute('data-app-path') as string);
    onNavigate?.();
  };

  return (
    <div
      className="inbox-message-content"
      style={{ overflowWrap: 'anywhere', marginTop: 4 }}
      onClick={onClick}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
