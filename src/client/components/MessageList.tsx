import { InboxOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Checkbox, InputRef, Tooltip } from 'antd';
import React, { useEffect, useRef, useState } from 'react';
import type { BulkChange } from '../api';
import type { Inbox } from '../hooks/useInbox';
import { useNow } from '../hooks/useNow';
import type { InboxState } from '../inbox-state';
import { onListKeyDown } from '../list-keyboard';
import { BulkBar } from './BulkBar';
import { useInboxEnv } from './InboxEnv';
import { ListStatus } from './ListStatus';
import { MessageActions, MessageItem } from './MessageItem';
import { SnoozeMenu } from './SnoozeMenu';
import { TriageBar } from './TriageBar';
import type { ChannelSummary, InboxMessage } from '../../shared/contract';

/** Pure: how many messages the view holds, from the channel summaries of the same view; null when not all are loaded. */
export function matchingCount({ channels, selected, filter }: Pick<InboxState, 'channels' | 'selected' | 'filter'>): number | null {
  const inView = selected === null ? channels.items : channels.items.filter((c) => c.name === selected);
  if (selected === null ? channels.nextCursor !== null : !inView.length) return null;
  const count = (c: ChannelSummary) => (filter === 'unread' ? c.unreadCount : filter === 'read' ? c.totalCount - c.unreadCount : c.totalCount);
  return inView.reduce((sum, channel) => sum + count(channel), 0);
}

const typing = (target: EventTarget) => target instanceof HTMLElement && !!target.closest('input, textarea, select, [contenteditable="true"]');

/**
 * The chosen channel's messages, newest first (or unread first), with search, level filter and the archive above,
 * selection and bulk actions, and load-more, empty and error states. Keys: `/` search, `e` archive, `s` snooze,
 * `x` select the focused message.
 */
export function MessageList({ inbox, onView, onNavigate }: { inbox: Inbox } & Pick<MessageActions, 'onView' | 'onNavigate'>) {
  const { t } = useInboxEnv();
  const now = useNow();
  const { messages, filter, search } = inbox.state;
  const searchRef = useRef<InputRef>(null);
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [snoozing, setSnoozing] = useState<number | null>(null);
  const emptyText = search.archived
    ? t('No archived messages')
    : { all: t('No messages'), unread: t('No unread messages'), read: t('No read messages') }[filter];

  const clear = () => {
    setPicked(new Set());
    setAllMatching(false);
  };
  // another view, another selection
  useEffect(clear, [messages.key]);

  const toggle = (id: number) =>
    setPicked((previous) => {
      const next = new Set(previous);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const act = (change: BulkChange) => {
    // "all matching" goes to the server as the view's filter, loaded or not
    if (allMatching) void inbox.bulk(change);
    else {
      const ids = [...picked];
      if (change === 'markRead' || change === 'markUnread') void inbox.setRead(ids, change === 'markRead');
      else if (change === 'destroy') void inbox.remove(ids);
      else void inbox.archive(ids, change === 'archive');
    }
    clear();
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    if (event.key === '/') {
      event.preventDefault();
      searchRef.current?.focus();
      return;
    }
    const id = Number((event.target as HTMLElement).closest('[data-message-id]')?.getAttribute('data-message-id'));
    const keys: Record<string, () => void> = {
      e: () => void inbox.archive([id], !search.archived),
      s: () => !search.archived && setSnoozing(id),
      x: () => toggle(id),
    };
    if (!id || !keys[event.key]) return;
    event.preventDefault();
    keys[event.key]();
  };

  const itemSlots = (message: InboxMessage) => ({
    leading: (
      <Checkbox
        checked={allMatching || picked.has(message.id)}
        disabled={allMatching}
        aria-label={t('Select')}
        onChange={() => toggle(message.id)}
        style={{ alignSelf: 'flex-start', marginTop: 2 }}
      />
    ),
    extra: (
      <>
        <Tooltip title={search.archived ? t('Unarchive') : t('Archive')}>
          <Button
            size="small"
            type="text"
            aria-label={search.archived ? t('Unarchive') : t('Archive')}
            icon={search.archived ? <RollbackOutlined /> : <InboxOutlined />}
            onClick={() => inbox.archive([message.id], !search.archived)}
          />
        </Tooltip>
        {!search.archived && (
          <SnoozeMenu
            open={snoozing === message.id ? true : undefined}
            onOpenChange={(open) => !open && setSnoozing(null)}
            onSnooze={(until) => {
              setSnoozing(null);
              void inbox.snooze([message.id], until);
            }}
          />
        )}
      </>
    ),
  });

  return (
    <div onKeyDown={onKeyDown}>
      <TriageBar inbox={inbox} searchRef={searchRef} />
      <BulkBar
        count={picked.size}
        allMatching={allMatching}
        matching={matchingCount(inbox.state)}
        archived={search.archived}
        onSelectAllMatching={() => setAllMatching(true)}
        onClear={clear}
        onAction={act}
      />
      {messages.items.length > 0 && (
        <ul role="list" aria-label={t('Messages')} onKeyDown={onListKeyDown} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {messages.items.map((message, index) => (
            <MessageItem
              key={message.id}
              message={message}
              now={now}
              first={index === 0}
              onView={onView}
              onNavigate={onNavigate}
              onToggleRead={(m) => inbox.setRead([m.id], m.readAt === null)}
              onDelete={(m) => inbox.remove([m.id])}
              onArchive={(m) => inbox.archive([m.id], !search.archived)}
              archived={search.archived}
              onRespond={(m, action) => inbox.respond(m.id, action)}
              {...itemSlots(message)}
            />
          ))}
        </ul>
      )}
      <ListStatus
        list={messages}
        emptyText={emptyText}
        errorText={t('Messages could not be loaded')}
        onRetry={() => inbox.retry('messages')}
        onLoadMore={() => inbox.loadMore('messages')}
      />
    </div>
  );
}
