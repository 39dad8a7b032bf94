import { DEFAULT_LEVEL, LEVELS } from '../../shared/constants';
import { i18nKey, tExpr } from '../i18n';
import { LIMITS } from '../../shared/contract';

/** A Formily schema node (kept loose: @formily types are not a dependency of this package). */
export interface SchemaNode {
  [key: string]: unknown;
  properties?: Record<string, SchemaNode>;
}


/** Labels and help of the message fields, shared by every form that edits a message. */
export const MESSAGE_FIELD_TEXTS = {
  receivers: {
    title: i18nKey('Receivers'),
    description: i18nKey('Users, a user query (for example everyone with a role) or a variable holding user IDs.'),
  },
  title: { title: i18nKey('Title'), description: '' },
  content: {
    title: i18nKey('Content'),
    description: i18nKey('Markdown: **bold**, lists, [links](/admin). Raw HTML is shown as text.'),
  },
  level: { title: i18nKey('Level'), description: '' },
  url: {
    title: i18nKey('View link'),
    description: i18nKey('An app path such as /admin/leads/1, or an http(s) URL (opened in a new tab).'),
  },
  mobileUrl: {
    title: i18nKey('View link on mobile'),
    description: i18nKey('What View opens in NocoBase mobile (/m), such as /m/page/…; empty: the View link.'),
  },
  toastDuration: {
    title: i18nKey('Toast duration (seconds)'),
    description: i18nKey('Empty: the default (4.5 s). 0: the toast stays until it is closed.'),
  },
} as const;

/** Said when a required message field is empty. */
export const REQUIRED_TEXT = i18nKey('This field is required');

/** Each level's name, for the level picker and the level icon's label. */
export const LEVEL_LABELS = {
  info: i18nKey('Info'),
  success: i18nKey('Success'),
  warning: i18nKey('Warning'),
  error: i18nKey('Error'),
} as const;

/** How variables are picked in a host: the Notification Manager form and the workflow node differ. */
export interface VariableBinding {
  /** one line of text with variables (title, link) */
  text: SchemaNode;
  /** multi-line text with variables (markdown content) */
  markdown: SchemaNode;
  /** props for the user picker, e.g. the variables it may offer */
  usersProps?: Record<string, unknown>;
}

const item = (name: keyof typeof MESSAGE_FIELD_TEXTS, schema: SchemaNode): SchemaNode => {
  const { title, description } = MESSAGE_FIELD_TEXTS[name];
  return { title: tExpr(title), ...(description ? { description: tExpr(description) } : {}), 'x-decorator': 'FormItem', ...schema };
};

/** Receivers as NocoBase edits them: a list of user pickers, each a user, a user query or a variable. */
function receiversSchema(usersProps: Record<string, unknown> = {}): SchemaNode {
  return item('receivers', {
    type: 'array',
    required: true,
    'x-component': 'ArrayItems',
    items: {
      type: 'void',
      'x-component': 'Space',
      // the picker takes the row, the remove button its own width
      'x-component-props': { style: { display: 'grid', gridTemplateColumns: '1fr auto', width: '100%' } },
      properties: {
        input: { type: 'string', 'x-decorator': 'FormItem', 'x-component': 'UsersSelect', 'x-component-props': usersProps },
        remove: { type: 'void', 'x-decorator': 'FormItem', 'x-component': 'ArrayItems.Remove' },
      },
    },
    properties: { add: { type: 'void', title: tExpr('Add receiver'), 'x-component': 'UsersAddition' } },
  });
}

/** Pure: the message fields (receivers, title, content, level, View links, toast duration) as Formily schema. */
export function messageFieldsSchema(binding: VariableBinding): Record<string, SchemaNode> {
  return {
    receivers: receiversSchema(binding.usersProps),
    title: item('title', { type: 'string', required: true, ...binding.text }),
    content: item('content', { type: 'string', ...binding.markdown }),
    level: item('level', {
      type: 'string',
      default: DEFAULT_LEVEL,
      'x-component': 'Radio.Group',
      'x-component-props': { optionType: 'button' },
      enum: LEVELS.map((level) => ({ value: level, label: tExpr(LEVEL_LABELS[level]) })),
    }),
    url: item('url', { type: 'string', ...binding.text }),
    mobileUrl: item('mobileUrl', { type: 'string', ...binding.text }),
    toastDuration: item('toastDuration', {
      type: 'number',
      'x-component': 'InputNumber',
      'x-component-props': { min: 0, max: LIMITS.toastSeconds, step: 1, precision: 1 },
    }),
  };
}
