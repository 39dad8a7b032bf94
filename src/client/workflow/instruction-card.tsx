import { BellOutlined } from '@ant-design/icons';
import React from 'react';
import { INSTRUCTION_TYPE } from '../../shared/constants';
import { tExpr } from '../i18n';

/** What both workflow canvases (classic and modern) show of the node in the add menu and on its card. */
export const instructionCard = () => ({
  title: tExpr('In-app message'),
  type: INSTRUCTION_TYPE,
  group: 'extended',
  description: tExpr('Sends a message to the inbox of users, of everyone in a role, or of users found in variables.'),
  icon: <BellOutlined />,
});
