import { useFlowEngine } from '@nocobase/flow-engine';
import { Instruction } from '@nocobase/plugin-workflow/client-v2';
import { Form } from 'antd';
import React from 'react';
import { useInboxTranslation } from '../../client/hooks/useInboxTranslation';
import { instructionCard } from '../../client/workflow/instruction-card';
import { TestRunButton } from '../../client/workflow/TestRunButton';
import { defaultInstructionConfig, instructionFieldset, isWaiting, whileWaiting } from '../../client/schemas/instruction-fieldset';
import type { SchemaNode } from '../../client/schemas/message-fields';
import { SchemaFieldset } from './SchemaFieldset';

const FIELDS = instructionFieldset();

/** The classic form's conditions, read by the modern form: the waiting options show only while the node waits. */
const shows = (schema: SchemaNode, values: (name: string) => unknown) =>
  schema['x-reactions'] !== whileWaiting || isWaiting(values('waitFor'));

/** "Test run": sends the message as configured so far to the designer. */
function ModernTestRun() {
  const form = Form.useFormInstance();
  const { api } = useFlowEngine().context;
  const { t } = useInboxTranslation();
  return <TestRunButton api={api} t={t} getConfig={() => form.getFieldValue(['config'])} />;
}

/** The node's form in the modern canvas's config drawer: the classic node's fields, in the drawer's antd Form. */
export function InboxFieldset() {
  return <SchemaFieldset fields={FIELDS} namePrefix={['config']} shows={shows} components={{ InboxTestRun: ModernTestRun }} />;
}

/** The "In-app message" node on the modern workflow canvas (`/v/`): same type, config and server half as the classic one. */
export class InboxInstructionV2 extends Instruction {
  constructor() {
    super();
    Object.assign(this, instructionCard());
  }

  FieldsetLoader = async () => ({ default: InboxFieldset });

  createDefaultConfig() {
    return defaultInstructionConfig();
  }
}
