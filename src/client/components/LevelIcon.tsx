import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, InfoCircleFilled } from '@ant-design/icons';
import { theme } from 'antd';
import React from 'react';
import { DEFAULT_LEVEL, Level, LEVELS } from '../../shared/constants';
import { LEVEL_LABELS } from '../schemas/message-fields';
import { useInboxEnv } from './InboxEnv';

const ICONS = {
  info: InfoCircleFilled,
  success: CheckCircleFilled,
  warning: ExclamationCircleFilled,
  error: CloseCircleFilled,
} as const;

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
  return <Icon role="img" aria-label={t(LEVEL_LABELS[known])} style={{ color: colors[known] }} data-level={known} />;
}
