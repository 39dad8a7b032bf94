/** NocoBase's `t`: a key (the English text) and i18next options. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;
