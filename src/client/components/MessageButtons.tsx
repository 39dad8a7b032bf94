import { CheckOutlined, ExportOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import React from 'react';
import { viewTarget, ViewTarget } from '../links';
import { useInboxEnv } from './InboxEnv';
import type { InboxMessage } from '../../shared/contract';

export interface MessageButtonsProps {
  message: InboxMessage;
  /** records the answer (the server keeps the first one) */
  onRespond: (message: InboxMessage, action: string) => void;
  /** a button with a url also goes there, as View does */
  onView: (message: InboxMessage, target: ViewTarget) => void;
  /** after a click (a toast closes itself) */
  onDone?: () => void;
}

/**
 * A message's buttons (Approve, Reject…). Once answered they stay, disabled, the chosen one checked, so
 * every tab and device shows the same answer; a button's link is still followed from the popover.
 */
export function MessageButtons({ message, onRespond, onView, onDone }: MessageButtonsProps) {
  const { basename } = useInboxEnv();
  if (!message.actions?.length) return null;
  const chosen = message.response?.action;
  return (
    <span role="group" style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {message.actions.map((action) => {
        const target = action.url ? viewTarget(action.url, basename) : null;
        const picked = chosen === action.key;
        return (
          <Button
            key={action.key}
            size="small"
            type={action.style === 'primary' ? 'primary' : 'default'}
            danger={action.style === 'danger'}
            disabled={chosen !== undefined && !picked}
            aria-pressed={chosen === undefined ? undefined : picked}
            data-action-key={action.key}
            icon={picked ? <CheckOutlined aria-hidden /> : target?.kind === 'external' ? <ExportOutlined aria-hidden /> : undefined}
            onClick={() => {
              if (chosen === undefined) onRespond(message, action.key);
              if (target) onView(message, target);
              onDone?.();
            }}
          >
            {action.title}
          </Button>
        );
      })}
    </span>
  );
}
