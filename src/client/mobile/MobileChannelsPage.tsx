import React from 'react';
import { useNavigate } from 'react-router-dom';
import { ChannelList } from '../components/ChannelList';
import { useInboxEnv } from '../components/InboxEnv';
import { MobileInboxPage } from './MobileInboxPage';
import { useMobileInboxPage } from './MobileInbox';
import { channelMessagesPath } from './paths';

/** The Messages tab's page: every channel with its unread count and latest message; a channel opens its messages. */
export function MobileChannelsPage() {
  const inbox = useMobileInboxPage();
  const { t } = useInboxEnv();
  const navigate = useNavigate();
  if (!inbox) return null;
  return (
    <MobileInboxPage inbox={inbox} title={t('Messages')} unread={inbox.state.counts.unread} onMarkRead={() => inbox.markAllRead(null)}>
      <ChannelList inbox={inbox} onSelect={(channelName) => navigate(channelMessagesPath(channelName))} />
    </MobileInboxPage>
  );
}
