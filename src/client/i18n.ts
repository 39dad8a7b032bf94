import { NAMESPACE } from '../shared/constants';

/** Marks a locale key that is translated later (a label in a table of fields): the locale test finds it by name. */
export const i18nKey = <T extends string>(key: T): T => key;

/** A key for a Formily schema, which NocoBase compiles with its `t` in our namespace. */
export const tExpr = (key: string): string => `{{t(${JSON.stringify(key)}, { ns: ${JSON.stringify(NAMESPACE)} })}}`;
