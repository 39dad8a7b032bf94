import { ClockCircleOutlined } from '@ant-design/icons';
import { Button, DatePicker, Dropdown, Tooltip } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import React, { useState } from 'react';
import { useInboxEnv } from './InboxEnv';

export type SnoozeChoice = 'hour' | 'evening' | 'tomorrow' | 'nextWeek';

/** Evening starts at 18:00; offered only until an hour before. */
const EVENING_HOUR = 18;
const MORNING_HOUR = 9;

/** Pure: the quick snooze times from `now` (this evening only while it is still ahead). */
export function snoozeChoices(now: Date): { key: SnoozeChoice; until: Date }[] {
  const at = dayjs(now);
  const morning = (day: Dayjs) => day.hour(MORNING_HOUR).minute(0).second(0).millisecond(0);
  const evening = at.hour(EVENING_HOUR).minute(0).second(0).millisecond(0);
  // next Monday (dayjs weeks start on Sunday: day() 1 is Monday)
  const monday = at.add(((8 - at.day()) % 7) || 7, 'day');
  return [
    { key: 'hour' as const, until: at.add(1, 'hour').toDate() },
    ...(at.hour() < EVENING_HOUR - 1 ? [{ key: 'evening' as const, until: evening.toDate() }] : []),
    { key: 'tomorrow' as const, until: morning(at.add(1, 'day')).toDate() },
    { key: 'nextWeek' as const, until: morning(monday).toDate() },
  ];
}

/** Pure: whether a picked time can be a snooze (the server takes the future up to a year ahead). */
export const snoozable = (value: Dayjs, now = dayjs()) => value.isAfter(now) && !value.isAfter(now.add(1, 'year'));

/** A clock button: 1 hour, this evening, tomorrow 9:00, next week, or a date and time picked. */
export function SnoozeMenu({ onSnooze, open, onOpenChange }: { onSnooze: (until: Date) => void; open?: boolean; onOpenChange?: (open: boolean) => void }) {
  const { t } = useInboxEnv();
  const [picking, setPicking] = useState(false);
  const labels: Record<SnoozeChoice, string> = {
    hour: t('In 1 hour'),
    evening: t('This evening'),
    tomorrow: t('Tomorrow 9:00'),
    nextWeek: t('Next week'),
  };
  const choices = snoozeChoices(new Date());
  const items = [
    ...choices.map(({ key }) => ({ key, label: labels[key] })),
    { key: 'pick', label: t('Pick a date and time') },
  ];
  const choose = ({ key }: { key: string }) => {
    if (key === 'pick') return setPicking(true);
    const choice = choices.find((c) => c.key === key);
    if (choice) onSnooze(choice.until);
  };
  return (
    <>
      <Dropdown menu={{ items, onClick: choose }} trigger={['click']} open={open} onOpenChange={onOpenChange}>
        <Tooltip title={t('Snooze')}>
          <Button size="small" type="text" aria-label={t('Snooze')} aria-haspopup="menu" icon={<ClockCircleOutlined />} />
        </Tooltip>
      </Dropdown>
      {picking && (
        <DatePicker
          open
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          aria-label={t('Pick a date and time')}
          disabledDate={(day) => !snoozable(day.endOf('day'))}
          onOk={(value) => {
            setPicking(false);
            if (value && snoozable(value)) onSnooze(value.toDate());
          }}
          onOpenChange={(next) => !next && setPicking(false)}
          style={{ width: 0, padding: 0, border: 0, overflow: 'hidden' }}
        />
      )}
    </>
  );
}
