import { CHANNEL_TYPE } from '../../constants';
import { tExpr } from '../i18n';
import { messageFieldsSchema, SchemaNode } from './message-fields';

/** In the workflow node, variables come from upstream nodes through the workflow's own inputs. */
const WORKFLOW_VARIABLES = {
  text: { 'x-component': 'WorkflowVariableTextArea', 'x-component-props': { autoSize: { minRows: 1 } } },
  markdown: { 'x-component': 'WorkflowVariableRawTextArea', 'x-component-props': { autoSize: { minRows: 6 } } },
};

/** Pure: the node's form. Config: `{ channelName, receivers, title, content, level, url, toastDuration, ignoreFail }`. */
export function instructionFieldset(): Record<string, SchemaNode> {
  return {
    channelName: {
      type: 'string',
      title: tExpr('Channel'),
      required: true,
      'x-decorator': 'FormItem',
      'x-component': 'RemoteSelect',
      'x-component-props': {
        manual: false,
        fieldNames: { label: 'title', value: 'name' },
        service: { resource: 'notificationChannels', params: { filter: { notificationType: CHANNEL_TYPE } } },
        style: { width: '100%' },
      },
    },
    ...messageFieldsSchema(WORKFLOW_VARIABLES),
    ignoreFail: {
      type: 'boolean',
      'x-decorator': 'FormItem',
      'x-component': 'Checkbox',
      'x-content': tExpr('Ignore failure and continue the workflow'),
    },
  };
}
