import { DeleteOutlined } from '@ant-design/icons';
import { UserAddition, UserSelect } from '@nocobase/plugin-notification-manager/client-v2';
import {
  isUserKeyField,
  useWorkflowVariableOptions,
  WorkflowVariableTextArea,
  WorkflowVariableTextAreaProps,
} from '@nocobase/plugin-workflow/client-v2';
import { Button, Flex, Form, InputNumber, Radio } from 'antd';
import React from 'react';
import { DEFAULT_LEVEL, LEVELS } from '../../../shared/constants';
import { useInboxTranslation } from '../../hooks/useInboxTranslation';
import { LEVEL_LABELS, MESSAGE_FIELD_TEXTS, REQUIRED_TEXT } from '../../schemas/message-fields';
import { LIMITS } from '../../../shared/contract';

type Field = keyof typeof MESSAGE_FIELD_TEXTS;

export interface MessageFormFieldsProps {
  /** the workflow variables the sender offers */
  variableOptions?: WorkflowVariableTextAreaProps['metaTree'];
  /** where the fields sit in the host form (the stock notification node keeps them under `config`) */
  namePrefix?: (string | number)[];
}

/**
 * The message fields in an antd Form, as NocoBase's newer forms (the stock workflow notification node)
 * load a channel type's `MessageConfigFormLoader`; same fields and texts as the Formily schema.
 */
export function MessageFormFields({ variableOptions, namePrefix = [] }: MessageFormFieldsProps) {
  const { t } = useInboxTranslation();
  const form = Form.useFormInstance();
  const userVariables = useWorkflowVariableOptions({ types: [isUserKeyField] });
  const path = (field: Field) => [...namePrefix, field];
  const receivers: React.ComponentProps<typeof UserAddition>['value'] = Form.useWatch(path('receivers'), form) ?? [];
  const texts = (field: Field) => {
    const { title, description } = MESSAGE_FIELD_TEXTS[field];
    return { label: t(title), extra: description ? t(description) : undefined };
  };
  const required = [{ required: true, message: t(REQUIRED_TEXT) }];

  return (
    <>
      <Form.Item {...texts('receivers')} required>
        <Form.List
          name={path('receivers')}
          rules={[
            {
              validator: async (_rule, value: unknown[] | undefined) => {
                if (!value?.some(Boolean)) throw new Error(t(REQUIRED_TEXT));
              },
            },
          ]}
        >
          {(fields, { remove }, { errors }) => (
            <Flex vertical gap="small">
              {fields.map((field) => (
                <Flex key={field.key} gap="small" align="center">
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Form.Item name={field.name} noStyle>
                      <UserSelect variableOptions={userVariables} />
                    </Form.Item>
                  </div>
                  <Button type="text" aria-label={t('Remove receiver')} icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <UserAddition value={receivers} onChange={(next) => form.setFieldValue(path('receivers'), next)} />
              <Form.ErrorList errors={errors} />
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name={path('title')} {...texts('title')} rules={required}>
        <WorkflowVariableTextArea metaTree={variableOptions} autoSize={{ minRows: 1 }} />
      </Form.Item>
      <Form.Item name={path('content')} {...texts('content')}>
        <WorkflowVariableTextArea metaTree={variableOptions} autoSize={{ minRows: 6 }} />
      </Form.Item>
      <Form.Item name={path('level')} {...texts('level')} initialValue={DEFAULT_LEVEL}>
        <Radio.Group optionType="button" options={LEVELS.map((level) => ({ value: level, label: t(LEVEL_LABELS[level]) }))} />
      </Form.Item>
      <Form.Item name={path('url')} {...texts('url')}>
        <WorkflowVariableTextArea metaTree={variableOptions} autoSize={{ minRows: 1 }} />
      </Form.Item>
      <Form.Item name={path('mobileUrl')} {...texts('mobileUrl')}>
        <WorkflowVariableTextArea metaTree={variableOptions} autoSize={{ minRows: 1 }} />
      </Form.Item>
      <Form.Item name={path('toastDuration')} {...texts('toastDuration')}>
        <InputNumber min={0} max={LIMITS.toastSeconds} step={1} precision={1} />
      </Form.Item>
    </>
  );
}
