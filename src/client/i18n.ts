import { tval } from '@nocobase/utils/client';
import { NAMESPACE } from '../shared/constants';

/** Marks a locale key that is translated later (a label in a table of fields): the locale test finds it by name. */
export const i18nKey = <T extends string>(key: T): T => key;

/** NocoBase's `tval` in our namespace: a key for a Formily schema or a settings title, which NocoBase compiles with its `t`. */
export const tExpr = (key: string): string => tval(key, { ns: NAMESPACE });
