/** NocoBase's `t`: a key (the English text) and i18next options. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** NocoBase's `useCompile()`: a schema text with its `{{t(…)}}` templates evaluated (other text as it is). */
export type Compile = (source: string) => unknown;
