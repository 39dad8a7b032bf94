import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useFlowEngine } from '@nocobase/flow-engine';
import { UsersSelect, WorkflowVariableTextArea } from '@nocobase/plugin-workflow/client-v2';
import { Button, Checkbox, Form, Input, InputNumber, Radio, Select } from 'antd';
import React, { useEffect, useState } from 'react';
import { useInboxTranslation } from '../../client/hooks/useInboxTranslation';
import { REQUIRED_TEXT, SchemaNode } from '../../client/schemas/message-fields';
import { Compile, useTvalCompile } from '../tval';

export { parseTval } from '../tval';

/**
 * The modern workflow canvas edits a node's config in an antd Form (no Formily there). This renders the Formily
 * schema our classic node uses as that form's items, for the few components the schema names: one form, two hosts.
 */

type NamePath = (string | number)[];

const propsOf = (schema: SchemaNode) => (schema['x-component-props'] ?? {}) as Record<string, unknown>;

const optionsOf = (schema: SchemaNode, compile: Compile) =>
  ((schema.enum ?? []) as { value: string; label: string }[]).map(({ value, label }) => ({ value, label: compile(label) }));

/** A select over a resource's records, like NocoBase's RemoteSelect (the channel picker). */
function RemoteSelect({ service, fieldNames, ...props }: Record<string, unknown>) {
  const { resource, params } = service as { resource: string; params?: Record<string, unknown> };
  const names = fieldNames as { label: string; value: string };
  const { api } = useFlowEngine().context;
  const [options, setOptions] = useState<{ label: string; value: string }[]>([]);
  useEffect(() => {
    void api.request({ url: `${resource}:list`, params: { paginate: false, ...params } }).then((response) => {
      const rows = ((response.data as { data?: Record<string, string>[] }).data ?? []) as Record<string, string>[];
      setOptions(rows.map((row) => ({ label: row[names.label], value: row[names.value] })));
    });
  }, [api, resource, params, names]);
  return <Select {...props} showSearch optionFilterProp="label" options={options} />;
}

/** The control each schema component stands for (the value props come from Form.Item). */
const WIDGETS: Record<string, (schema: SchemaNode, compile: Compile) => React.ReactElement> = {
  Input: (schema, compile) => <Input placeholder={compile(propsOf(schema).placeholder)} />,
  Select: (schema, compile) => <Select options={optionsOf(schema, compile)} />,
  'Radio.Group': (schema, compile) => (
    <Radio.Group optionType={propsOf(schema).optionType as 'button' | undefined} options={optionsOf(schema, compile)} />
  ),
  InputNumber: (schema) => <InputNumber {...propsOf(schema)} />,
  Checkbox: (schema, compile) => <Checkbox>{compile(schema['x-content'])}</Checkbox>,
  RemoteSelect: (schema) => <RemoteSelect {...propsOf(schema)} />,
  UsersSelect: () => <UsersSelect />,
  WorkflowVariableTextArea: (schema, compile) => (
    <WorkflowVariableTextArea autoSize={propsOf(schema).autoSize as { minRows: number }} placeholder={compile(propsOf(schema).placeholder)} />
  ),
};
// the modern canvas has one variable text area, markdown included
WIDGETS.WorkflowVariableRawTextArea = WIDGETS.WorkflowVariableTextArea;

function Field({ name, schema, compile, label = true }: { name: NamePath; schema: SchemaNode; compile: Compile; label?: boolean }) {
  const { t } = useInboxTranslation();
  const widget = WIDGETS[schema['x-component'] as string];
  if (!widget) return null;
  return (
    <Form.Item
      name={name}
      label={label ? compile(schema.title) : undefined}
      extra={label ? compile(schema.description) : undefined}
      initialValue={schema.default}
      valuePropName={schema['x-component'] === 'Checkbox' ? 'checked' : undefined}
      rules={schema.required ? [{ required: true, message: t(REQUIRED_TEXT) }] : undefined}
    >
      {widget(schema, compile)}
    </Form.Item>
  );
}

/** An ArrayItems list: rows of the item's fields (a `void` item is one value per row), remove, add. */
function ListField({ name, schema, compile }: { name: NamePath; schema: SchemaNode; compile: Compile }) {
  const { t } = useInboxTranslation();
  const items = schema.items as SchemaNode;
  const cells = Object.entries(items.properties ?? {});
  const max = (schema['x-validator'] as { maxItems?: number } | undefined)?.maxItems ?? Infinity;
  const addTitle = compile(Object.values(schema.properties ?? {})[0]?.title);
  return (
    <Form.Item label={compile(schema.title)} extra={compile(schema.description)} required={Boolean(schema.required)}>
      <Form.List name={name}>
        {(rows, { add, remove }) => (
          <>
            {rows.map((row) => (
              <div key={row.key} style={propsOf(items).style as React.CSSProperties}>
                {cells.map(([key, cell]) =>
                  cell['x-component'] === 'ArrayItems.Remove' ? (
                    <Button key={key} type="text" aria-label={t('Delete')} icon={<DeleteOutlined />} onClick={() => remove(row.name)} />
                  ) : (
                    <Field key={key} name={items.type === 'void' ? [row.name] : [row.name, key]} schema={cell} compile={compile} label={false} />
                  ),
                )}
              </div>
            ))}
            {rows.length < max && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                {addTitle}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

interface Props {
  fields: Record<string, SchemaNode>;
  /** where the values live in the drawer's form (the node's `config`) */
  namePrefix: NamePath;
  /** the form's own conditions: a field shows only when its `x-reactions` says so, given the form's values */
  shows?: (schema: SchemaNode, values: (name: string) => unknown) => boolean;
  /** the host's components for the schema's `void` nodes (say, a button), by `x-component` */
  components?: Record<string, React.ComponentType>;
}

/** The schema's fields as antd Form items, in order. */
export function SchemaFieldset({ fields, namePrefix, shows, components = {} }: Props) {
  const compile = useTvalCompile();
  const form = Form.useFormInstance();
  return (
    <>
      {Object.entries(fields).map(([key, schema]) => {
        const name = [...namePrefix, key];
        const Component = schema.type === 'void' ? components[schema['x-component'] as string] : undefined;
        const field = Component ? (
          <Component />
        ) : schema['x-component'] === 'ArrayItems' ? (
            <ListField name={name} schema={schema} compile={compile} />
          ) : (
            <Field name={name} schema={schema} compile={compile} />
          );
        if (!shows || !schema['x-reactions']) return <React.Fragment key={key}>{field}</React.Fragment>;
        return (
          <Form.Item key={key} noStyle shouldUpdate>
            {() => (shows(schema, (other) => form.getFieldValue([...namePrefix, other])) ? field : null)}
          </Form.Item>
        );
      })}
    </>
  );
}
