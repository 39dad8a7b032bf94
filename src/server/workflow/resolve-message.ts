import { parse } from '@nocobase/utils';
import { invalid } from '../services/errors';
import type { MessageInput } from '../services/message-input';
import { InAppMessageNodeConfig, TEMPLATED_FIELDS, toMessageInput } from './node-config';

/** Resolves a value's `{{variables}}` against the execution's scope (Processor#getParsedValue). */
export type Resolve = (value: unknown) => unknown;

interface TemplateParameter {
  key: string;
  defaultValue?: string;
}

/**
 * The variables of `value` that name nothing in the scope. A variable holding `null` is known (an empty
 * field of the record); one resolving to `undefined` is a typo, a node that did not run or a field that
 * was not loaded, which the template engine would otherwise print as an empty string.
 */
export function unknownVariables(value: unknown, resolve: Resolve): string[] {
  const parameters: TemplateParameter[] = parse(value).parameters;
  return parameters
    .filter(({ key, defaultValue }) => defaultValue === undefined && resolve(`{{${key}}}`) === undefined)
    .map(({ key }) => `{{${key}}}`);
}

/** The message a node sends: every variable resolved, or a 400 naming the field with an unknown one. */
export function resolveMessage(config: InAppMessageNodeConfig, resolve: Resolve): MessageInput {
  for (const field of TEMPLATED_FIELDS) {
    const unknown = unknownVariables(config[field], resolve);
    if (unknown.length) throw invalid(field, `unknown variable ${unknown.join(', ')}`);
  }
  return toMessageInput(resolve(config) as InAppMessageNodeConfig);
}
