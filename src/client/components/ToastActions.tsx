import { Button, Space } from 'antd';
import React from 'react';
import type { ViewTarget } from '../links';
import { useInboxEnv } from './InboxEnv';
import { MessageButtons, MessageButtonsProps } from './MessageButtons';

/** A toast's buttons: the message's own (Approve, Reject…), then View where it links somewhere; each closes the toast. */
export function ToastActions({
  message,
  target,
  onRespond,
  onView,
  onDone,
}: Required<MessageButtonsProps> & { target: ViewTarget | null }) {
  const { t } = useInboxEnv();
  return (
    <Space size={4} wrap>
      <MessageButtons message={message} onRespond={onRespond} onView={onView} onDone={onDone} />
      {target && (
        <Button
          type={message.actions?.length ? 'link' : 'primary'}
          size="small"
          onClick={() => {
            onDone();
            onView(message, target);
          }}
        >
          {t('View')}
        </Button>
      )}
    </Space>
  );
}
