import React from 'react';
import type { Inbox } from '../hooks/useInbox';
import { useNow } from '../hooks/useNow';
import { onListKeyDown } from '../list-keyboard';
import { useInboxEnv } from './InboxEnv';
import { ListStatus } from './ListStatus';
import { MessageActions, MessageItem } from './MessageItem';

/** The chosen channel's messages, newest first, with load-more, empty and error states. */
export function MessageList({ inbox, onView, onNavigate }: { inbox: Inbox } & Pick<MessageActions, 'onView' | 'onNavigate'>) {
  const { t } = useInboxEnv();
  const now = useNow();
  const { messages, filter } = inbox.state;
  const emptyText = { all: t('No messages'), unread: t('No unread messages'), read: t('No read messages') }[filter];

  return (
    <>
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
              onRespond={(m, action) => inbox.respond(m.id, action)}
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
    </>
  );
}
