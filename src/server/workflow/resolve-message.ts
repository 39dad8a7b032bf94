import { parse } from '@nocobase/utils';
import { MessageForm, toMessageInput } from '../channel/to-message-input';
import { invalid } from '../services/errors';
import type { MessageInput } from '../services/validation/message-input';
import { InAppMessageNodeConfig, TEMPLATED_FIELDS } from './node-config';

/** Resolves a value's `{{variables}}` against the execution's scope (Processor#getParsedValue). */
export type Resolve = (value: unknown) => unknown;

interface TemplateParameter {
  key: string;
  defaultValue?: string;
}

const parentOf = (key: string): string | null => (key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : null);

const isObject = (value: unknown) => typeof value === 'object' && value !== null;

/**
 * The variables of `value` whose path leads nowhere: a typo in a scope name, a node that did not run. A missing
 * last key of an object that exists (a record's field left empty, which the record's JSON simply omits) prints
 * as an empty string, as NocoBase's own notification node does; a variable holding `null` is an empty field too.
 */
export function unknownVariables(value: unknown, resolve: Resolve): string[] {
  const parameters: TemplateParameter[] = parse(value).parameters;
  const resolves = (key: string) => resolve(`{{${key}}}`) !== undefined;
  const parentExists = (key: string) => {
    const parent = parentOf(key);
    return parent !== null && isObject(resolve(`{{${parent}}}`));
  };
  return parameters
    .filter(({ key, defaultValue }) => defaultValue === undefined && !resolves(key) && !parentExists(key))
    .map(({ key }) => `{{${key}}}`);
}

/** The message a node sends: every variable resolved, or a 400 naming the field with an unknown one. */
export function resolveMessage(config: InAppMessageNodeConfig, resolve: Resolve): MessageInput {
  for (const field of TEMPLATED_FIELDS) {
    const unknown = unknownVariables(config[field], resolve);
    if (unknown.length) throw invalid(field, `unknown variable ${unknown.join(', ')}`);
  }
  return toMessageInput(resolve(config) as MessageForm);
}
