import { CHANNEL_TYPE, DEFAULT_LEVEL } from '../../shared/constants';
import { ACTION_LIMITS, ACTION_STYLES } from '../../shared/message-actions';
import { i18nKey, tExpr } from '../i18n';
import { messageFieldsSchema, SchemaNode } from './message-fields';

/** In the workflow node, variables come from upstream nodes through the workflow's own inputs. */
const WORKFLOW_VARIABLES = {
  text: { 'x-component': 'WorkflowVariableTextArea', 'x-component-props': { autoSize: { minRows: 1 } } },
  markdown: { 'x-component': 'WorkflowVariableRawTextArea', 'x-component-props': { autoSize: { minRows: 6 } } },
};

const STYLE_LABELS = { primary: i18nKey('Primary'), default: i18nKey('Default'), danger: i18nKey('Danger') } as const;

/** Pure: whether the node waits, from its `waitFor`. */
export const isWaiting = (waitFor: unknown): boolean => Boolean(waitFor) && waitFor !== 'none';

/** Shown only while the node waits (the expression is isWaiting's, for Formily; the modern form calls isWaiting). */
export const whileWaiting = {
  dependencies: ['.waitFor'],
  fulfill: { state: { visible: '{{!!$deps[0] && $deps[0] !== "none"}}' } },
};

const cell = (schema: SchemaNode): SchemaNode => ({ 'x-decorator': 'FormItem', ...schema });

/** Up to three buttons: key, title (variables allowed), style, optional link. */
function actionsSchema(): SchemaNode {
  return {
    type: 'array',
    title: tExpr('Buttons'),
    description: tExpr('Up to 3 buttons shown with the message. Key: letters, digits, "-" or "_"; the workflow reads it.'),
    'x-decorator': 'FormItem',
    'x-component': 'ArrayItems',
    'x-validator': { maxItems: ACTION_LIMITS.count },
    items: {
      type: 'object',
      'x-component': 'Space',
      'x-component-props': { style: { display: 'grid', gridTemplateColumns: '8em 1fr 8em 1fr auto', width: '100%' } },
      properties: {
        key: cell({ type: 'string', required: true, 'x-component': 'Input', 'x-component-props': { placeholder: tExpr('Key') } }),
        title: cell({
          type: 'string',
          required: true,
          'x-component': 'WorkflowVariableTextArea',
          'x-component-props': { autoSize: { minRows: 1 }, placeholder: tExpr('Button title') },
        }),
        style: cell({
          type: 'string',
          default: 'default',
          'x-component': 'Select',
          enum: ACTION_STYLES.map((style) => ({ value: style, label: tExpr(STYLE_LABELS[style]) })),
        }),
        url: cell({
          type: 'string',
          'x-component': 'WorkflowVariableTextArea',
          'x-component-props': { autoSize: { minRows: 1 }, placeholder: tExpr('Button link') },
        }),
        remove: { type: 'void', 'x-decorator': 'FormItem', 'x-component': 'ArrayItems.Remove' },
      },
    },
    properties: { add: { type: 'void', title: tExpr('Add button'), 'x-component': 'ArrayItems.Addition' } },
  };
}

/** Waiting: for what, for whom, how long. */
function waitingSchema(): Record<string, SchemaNode> {
  return {
    waitFor: {
      type: 'string',
      title: tExpr('Wait for'),
      description: tExpr(
        'The workflow stays at this node until a receiver (or all of them) reads the message or clicks a button, or the timeout passes. The result says what happened: status (responded, read, timeout), responses (who clicked what, when) and readBy. Asynchronous workflows only.',
      ),
      default: 'none',
      'x-decorator': 'FormItem',
      'x-component': 'Radio.Group',
      'x-component-props': { optionType: 'button' },
      enum: [
        { value: 'none', label: tExpr("Don't wait") },
        { value: 'read', label: tExpr('A read') },
        { value: 'response', label: tExpr('An answer (a button click)') },
      ],
    },
    waitMode: {
      type: 'string',
      title: tExpr('Receivers to wait for'),
      default: 'any',
      'x-decorator': 'FormItem',
      'x-component': 'Radio.Group',
      enum: [
        { value: 'any', label: tExpr('Any receiver') },
        { value: 'all', label: tExpr('All receivers') },
      ],
      'x-reactions': whileWaiting,
    },
    timeout: {
      type: 'number',
      title: tExpr('Timeout (seconds)'),
      description: tExpr('0 or empty: no limit. When it passes, the node resolves with status "timeout".'),
      'x-decorator': 'FormItem',
      'x-component': 'InputNumber',
      'x-component-props': { min: 0, step: 60, precision: 0 },
      'x-reactions': whileWaiting,
    },
  };
}

/** Pure: a new node's config. */
export const defaultInstructionConfig = () => ({ receivers: [], level: DEFAULT_LEVEL, actions: [], waitFor: 'none', ignoreFail: false });

/**
 * Pure: the node's form. Config: `{ channelName, receivers, title, content, level, url, mobileUrl, toastDuration,
 * actions, waitFor, waitMode, timeout, ignoreFail }`, and a "Test run" that sends the message to the designer.
 */
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
    actions: actionsSchema(),
    ...waitingSchema(),
    ignoreFail: {
      type: 'boolean',
      'x-decorator': 'FormItem',
      'x-component': 'Checkbox',
      'x-content': tExpr('Ignore failure and continue the workflow'),
    },
    testRun: { type: 'void', 'x-component': 'InboxTestRun' },
  };
}
