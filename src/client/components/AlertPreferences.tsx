import { Button, Input, Switch, Typography } from 'antd';
import React, { useEffect, useId, useState } from 'react';
import { AlertPermission, notificationPermission } from '../desktop-alerts';
import type { Inbox } from '../hooks/useInbox';
import { useInboxEnv } from './InboxEnv';
import { QuietHours, TIME_OF_DAY } from '../../shared/quiet-hours';

/** Switched on without a period yet: the night. */
const DEFAULT_QUIET: QuietHours = { from: '22:00', to: '07:00' };

const ROW: React.CSSProperties = { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 8, marginBottom: 12 };

/** A labelled switch on one row; `describedBy` points at the text that explains its current effect. */
export function SwitchRow(props: { label: string; checked: boolean; describedBy?: string; onChange: (checked: boolean) => void }) {
  const labelId = useId();
  return (
    <div style={ROW}>
      <Switch checked={props.checked} aria-labelledby={labelId} aria-describedby={props.describedBy} onChange={props.onChange} />
      <Typography.Text id={labelId}>{props.label}</Typography.Text>
    </div>
  );
}

/** Whether this browser lets the inbox notify, and the way to ask it when it has not been asked yet. */
function PermissionState({ id, permission, onAsk }: { id: string; permission: AlertPermission; onAsk: () => void }) {
  const { t } = useInboxEnv();
  if (permission === 'default') {
    return (
      <div style={ROW}>
        <Typography.Text id={id} type="secondary">
          {t('This browser has not allowed notifications yet.')}
        </Typography.Text>
        <Button size="small" onClick={onAsk}>
          {t('Allow notifications')}
        </Button>
      </div>
    );
  }
  const text = {
    granted: t('Allowed by this browser.'),
    denied: t('Blocked by this browser: allow notifications for this site in its settings.'),
    unsupported: t('This browser does not support notifications.'),
  }[permission];
  return (
    // secondary, not success/warning: antd's green and amber text falls below AA contrast on white
    <Typography.Paragraph id={id} type="secondary" style={{ margin: '0 0 12px' }}>
      {text}
    </Typography.Paragraph>
  );
}

/** A time of day for the quiet hours; saved once the browser's time field holds a whole "HH:mm". */
function TimeField({ label, value, onChange }: { label: string; value: string; onChange: (time: string) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      <label htmlFor={id}>{label}</label>
      <Input
        id={id}
        type="time"
        size="small"
        style={{ width: 120 }}
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value);
          if (TIME_OF_DAY.test(event.target.value) && event.target.value !== value) onChange(event.target.value);
        }}
      />
    </span>
  );
}

/** Desktop notifications, the tone and quiet hours: per user on the server; the permission is per browser. */
export function AlertPreferences({ inbox }: { inbox: Inbox }) {
  const { t } = useInboxEnv();
  const permissionId = useId();
  const quietId = useId();
  const { desktopAlerts = false, sound = false, quietHours = null } = inbox.state.preferences;
  const [permission, setPermission] = useState<AlertPermission>(notificationPermission);

  // called in the click itself: browsers only show their prompt in answer to a user's gesture
  const ask = () => {
    if (permission !== 'default') return;
    window.Notification.requestPermission().then(setPermission, () => setPermission(notificationPermission()));
  };

  return (
    <>
      <SwitchRow
        label={t('Desktop notification while this tab is hidden')}
        checked={desktopAlerts}
        describedBy={desktopAlerts ? permissionId : undefined}
        onChange={(checked) => {
          if (checked) ask();
          void inbox.setPreferences({ desktopAlerts: checked });
        }}
      />
      {desktopAlerts && <PermissionState id={permissionId} permission={permission} onAsk={ask} />}
      <SwitchRow label={t('Play a sound when a message arrives')} checked={sound} onChange={(checked) => void inbox.setPreferences({ sound: checked })} />
      <SwitchRow
        label={t('Quiet hours')}
        checked={quietHours !== null}
        describedBy={quietId}
        onChange={(checked) => void inbox.setPreferences({ quietHours: checked ? DEFAULT_QUIET : null })}
      />
      <Typography.Paragraph id={quietId} type="secondary" style={{ margin: '0 0 12px' }}>
        {t('No toast, sound or desktop notification during this daily period.')}
      </Typography.Paragraph>
      {quietHours && (
        <div style={ROW}>
          <TimeField label={t('From')} value={quietHours.from} onChange={(from) => void inbox.setPreferences({ quietHours: { ...quietHours, from } })} />
          <TimeField label={t('Until')} value={quietHours.to} onChange={(to) => void inbox.setPreferences({ quietHours: { ...quietHours, to } })} />
        </div>
      )}
    </>
  );
}
