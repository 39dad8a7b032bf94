import { RESOURCES } from '../../shared/constants';
import { userAction } from '../actions/handle';
import { MessageForm, toMessageInput } from '../channel/to-message-input';
import type { InboxService } from '../services/inbox-service';
import type { MessageInput } from '../services/validation/message-input';
import { TEMPLATED_FIELDS, checkNodeConfig } from './node-config';

const VARIABLE = /{{\s*([^{}]*?)\s*}}/g;

/** Pure: a sample for every `{{variable}}` of a text: its last name in brackets ("{{$context.data.name}}" → "[name]"). */
export function withSamples(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.replace(VARIABLE, (_match, path: string) => `[${path.split('.').filter(Boolean).pop() ?? path}]`);
  }
  if (Array.isArray(value)) return value.map(withSamples);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withSamples(inner)]));
  }
  return value;
}

/** Pure: the message a "Test run" sends: the node's config with sample values, to the designer alone. */
export function testMessage(config: unknown, userId: number): MessageInput {
  const sampled: MessageForm = { ...checkNodeConfig(config) };
  for (const field of TEMPLATED_FIELDS) {
    if (field !== 'receivers') sampled[field] = withSamples(sampled[field]);
  }
  return { ...toMessageInput(sampled), receivers: [userId] };
}

/**
 * "Test run" of the in-app message node (plugin-workflow's own test API runs without a user, and this message
 * goes to the one who clicks): `inboxWorkflowTests:send` with `values: { config }`; answers the message sent.
 */
export const inboxWorkflowTests = (inbox: InboxService) => ({
  name: RESOURCES.workflowTests,
  actions: {
    send: userAction(async (params, userId) => {
      const [message] = await inbox.send(testMessage(params.values?.config, userId));
      return message;
    }),
  },
});
