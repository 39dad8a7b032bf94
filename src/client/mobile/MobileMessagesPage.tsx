import React, { useRef } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { MOBILE_TAB } from '../../shared/constants';
import { useInboxEnv } from '../components/InboxEnv';
import { MessageList } from '../components/MessageList';
import type { Inbox } from '../hooks/useInbox';
import { InfiniteScroll } from './InfiniteScroll';
import { useMobileInboxPage, useViewMessage } from './MobileInbox';
import { MobileInboxPage } from './MobileInboxPage';
import { mobileLinkOf } from './paths';

/** The inbox as the mobile list shows it: each message's View link is its mobile link when it has one. */
function withMobileLinks(inbox: Inbox): Inbox {
  const { messages } = inbox.state;
  return { ...inbox, state: { ...inbox.state, messages: { ...messages, items: messages.items.map((m) => ({ ...m, url: mobileLinkOf(m) })) } } };
}

/** One channel's messages (`?channel=`, empty for all), newest first, loading more as the list scrolls. */
export function MobileMessagesPage() {
  const [params] = useSearchParams();
  const channelName = params.get('channel') || null;
  const inbox = useMobileInboxPage(channelName);
  const inboxRef = useRef(inbox);
  inboxRef.current = inbox;
  const view = useViewMessage(inboxRef);
  const env = useInboxEnv();
  const navigate = useNavigate();
  if (!inbox) return null;
  const { channels, counts, messages } = inbox.state;
  const title = channelName === null ? env.t('All channels') : (channels.items.find((c) => c.name === channelName)?.title ?? channelName);
  const unread = channelName === null ? counts.unread : (counts.channels[channelName]?.unread ?? 0);
  return (
    <MobileInboxPage
      inbox={inbox}
      title={title}
      unread={unread}
      onBack={() => navigate(MOBILE_TAB.url)}
      onMarkRead={() => inbox.markAllRead(channelName)}
    >
      <MessageList inbox={withMobileLinks(inbox)} onView={view} />
      <InfiniteScroll active={messages.nextCursor !== null && !messages.loading && !messages.error} onReached={() => inbox.loadMore('messages')} />
    </MobileInboxPage>
  );
}
