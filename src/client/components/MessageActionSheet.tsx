import { CheckOutlined, DeleteOutlined, InboxOutlined, RollbackOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Typography } from 'antd';
import React, { useEffect, useState } from 'react';
import { useInboxEnv } from './InboxEnv';
import { TOUCH_CLASS, TouchTargets } from './TouchTargets';
import type { InboxMessage } from '../../shared/contract';

export interface MessageActionSheetProps {
  message: InboxMessage;
  open: boolean;
  /** the list shows archived messages: the sheet offers Unarchive */
  archived?: boolean;
  onClose: () => void;
  onToggleRead: (message: InboxMessage) => void;
  /** absent where the list has no archive */
  onArchive?: (message: InboxMessage) => void;
  onDelete: (message: InboxMessage) => void;
}

const stop = (event: React.SyntheticEvent) => event.stopPropagation();

/**
 * A message's actions for touch screens, from the bottom of the screen (a long press on the message opens it):
 * mark read or unread, archive, delete after a confirmation, as the item's own buttons do.
 */
export function MessageActionSheet({ message, open, archived, onClose, onToggleRead, onArchive, onDelete }: MessageActionSheetProps) {
  const { t } = useInboxEnv();
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (!open) setConfirming(false);
  }, [open]);
  const unread = message.readAt === null;
  const run = (action: (message: InboxMessage) => void) => () => {
    onClose();
    action(message);
  };

  // React bubbles a portal's events along the component tree: the sheet's touches and arrow keys stay out of the
  // item's long press and the list's keyboard
  return (
    <div style={{ display: 'contents' }} onKeyDown={stop} onTouchStart={stop} onTouchMove={stop} onTouchEnd={stop} onContextMenu={stop}>
      <Drawer
        open={open}
        onClose={onClose}
        placement="bottom"
        height="auto"
        title={message.title}
        rootClassName={TOUCH_CLASS}
        styles={{ header: { padding: '4px 8px 4px 16px' }, body: { padding: 8 } }}
      >
        <TouchTargets />
        {confirming ? (
          <Flex vertical gap={8}>
            <Typography.Text strong>{t('Delete this message?')}</Typography.Text>
            <Button block danger type="primary" onClick={run(onDelete)}>
              {t('Delete')}
            </Button>
            <Button block onClick={() => setConfirming(false)}>
              {t('Cancel')}
            </Button>
          </Flex>
        ) : (
          <Flex vertical gap={8}>
            <Button block icon={unread ? <CheckOutlined aria-hidden /> : <UndoOutlined aria-hidden />} onClick={run(onToggleRead)}>
              {unread ? t('Mark as read') : t('Mark as unread')}
            </Button>
            {onArchive && (
              <Button block icon={archived ? <RollbackOutlined aria-hidden /> : <InboxOutlined aria-hidden />} onClick={run(onArchive)}>
                {archived ? t('Unarchive') : t('Archive')}
              </Button>
            )}
            <Button block danger icon={<DeleteOutlined aria-hidden />} onClick={() => setConfirming(true)}>
              {t('Delete')}
            </Button>
          </Flex>
        )}
      </Drawer>
    </div>
  );
}
