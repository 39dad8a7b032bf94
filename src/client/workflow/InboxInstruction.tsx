import { BellOutlined } from '@ant-design/icons';
import { ArrayItems } from '@formily/antd-v5';
import {
  Instruction,
  UsersAddition,
  UsersSelect,
  WorkflowVariableRawTextArea,
  WorkflowVariableTextArea,
} from '@nocobase/plugin-workflow/client';
import React from 'react';
import { DEFAULT_LEVEL, INSTRUCTION_TYPE } from '../../shared/constants';
import { tExpr } from '../i18n';
import { instructionFieldset } from '../schemas/instruction-fieldset';
import { InboxTestRun } from './InboxTestRun';

/** The workflow node "In-app message": the server half runs it with the same config. */
export class InboxInstruction extends Instruction {
  title = tExpr('In-app message');
  type = INSTRUCTION_TYPE;
  group = 'extended';
  description = tExpr('Sends a message to the inbox of users, of everyone in a role, or of users found in variables.');
  icon = (<BellOutlined />);
  fieldset = instructionFieldset();
  components = { ArrayItems, UsersSelect, UsersAddition, WorkflowVariableTextArea, WorkflowVariableRawTextArea, InboxTestRun };

  createDefaultConfig() {
    return { receivers: [], level: DEFAULT_LEVEL, actions: [], waitFor: 'none', ignoreFail: false };
  }
}
