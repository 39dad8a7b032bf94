import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, InfoCircleFilled } from '@ant-design/icons';
import { theme } from 'antd';
import React from 'react';
import { DEFAULT_LEVEL, Level, LEVELS } from '../../constants';
import type { Translate } from '../types';
import { useInboxEnv } from './InboxEnv';

const ICONS = {
  info: InfoCircleFilled,
  success: CheckCircleFilled,
  warning: ExclamationCircleFilled,
  error: CloseCircleFilled,
} as const;

export const levelLabels = (t: Translate): Record<Level, string> => ({
  info: t('Info'),
  success: t('Success'),
  warning: t('Warning'),
  error: t('Error'),
});

/** The message's severity as an icon in the theme's status colour, named for screen readers. */
export function LevelIcon({ level }: { level: Level }) {
  const { t } = useInboxEnv();
  const { token } = theme.useToken();
  const known = LEVELS.includes(level) ? level : DEFAULT_LEVEL;
  const Icon = ICONS[known];
  const colors: Record<Level, string> = {
    info: token.colorInfo,
    success: token.colorSuccess,
    warning: token.colorWarning,
    error: token.colorError,
  };
  return <Icon role="img" aria-label={levelLabels(t)[known]} style={{ color: colors[known] }} data-level={known} />;
}
