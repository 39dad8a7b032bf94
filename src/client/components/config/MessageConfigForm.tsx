import { ArrayItems } from '@formily/antd-v5';
import { SchemaComponent } from '@nocobase/client';
import { UsersAddition, UsersSelect } from '@nocobase/plugin-workflow/client';
import React, { useMemo } from 'react';
import { useInboxTranslation } from '../../hooks/useInboxTranslation';
import { messageFieldsSchema, VariableBinding } from '../../schemas/message-fields';

/** In Notification Manager, `variableOptions` is the ready list of variables the sender offers. */
const notificationVariables = (scope: unknown): VariableBinding => ({
  text: { 'x-component': 'Variable.TextArea', 'x-component-props': { scope } },
  markdown: { 'x-component': 'Variable.RawTextArea', 'x-component-props': { scope, autoSize: { minRows: 6 } } },
  usersProps: { variableOptions: scope },
});

const COMPONENTS = { ArrayItems, UsersSelect, UsersAddition };

function MessageFields({ variableOptions, withReceivers }: { variableOptions: unknown; withReceivers: boolean }) {
  const { t } = useInboxTranslation();
  const schema = useMemo(() => {
    const { receivers, ...content } = messageFieldsSchema(notificationVariables(variableOptions));
    return { type: 'void', properties: withReceivers ? { receivers, ...content } : content };
  }, [variableOptions, withReceivers]);
  return <SchemaComponent schema={schema} components={COMPONENTS} scope={{ t }} />;
}

/** The message of a send: receivers, title, content, level, View link, toast duration. */
export function MessageConfigForm({ variableOptions }: { variableOptions?: unknown }) {
  return <MessageFields variableOptions={variableOptions} withReceivers />;
}

/** The same without receivers, where the sender decides who receives it. */
export function ContentConfigForm({ variableOptions }: { variableOptions?: unknown }) {
  return <MessageFields variableOptions={variableOptions} withReceivers={false} />;
}
