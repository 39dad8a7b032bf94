import { ArrayItems } from '@formily/antd-v5';
import {
  Instruction,
  UsersAddition,
  UsersSelect,
  WorkflowVariableRawTextArea,
  WorkflowVariableTextArea,
} from '@nocobase/plugin-workflow/client';
import { defaultInstructionConfig, instructionFieldset } from '../schemas/instruction-fieldset';
import { InboxTestRun } from './InboxTestRun';
import { instructionCard } from './instruction-card';

/** The workflow node "In-app message": the server half runs it with the same config. */
export class InboxInstruction extends Instruction {
  constructor() {
    super();
    Object.assign(this, instructionCard());
  }

  fieldset = instructionFieldset();
  components = { ArrayItems, UsersSelect, UsersAddition, WorkflowVariableTextArea, WorkflowVariableRawTextArea, InboxTestRun };

  createDefaultConfig() {
    return defaultInstructionConfig();
  }
}
