import { useCallback } from 'react';
import { useInboxTranslation } from '../client/hooks/useInboxTranslation';

/** A schema text in the user's language: what NocoBase's `useCompile` gives the classic client. */
export type Compile = (text: unknown) => string | undefined;

/** Pure: the key and options of a `tval` text (`{{t("key", {"ns": …})}}`), null for plain text. */
export function parseTval(text: string): { key: string; options?: Record<string, unknown> } | null {
  const call = /^\{\{t\((.*)\)\}\}$/s.exec(text);
  if (!call) return null;
  const [key, options] = JSON.parse(`[${call[1]}]`) as [string, Record<string, unknown> | undefined];
  return { key, options };
}

/**
 * Schema texts (and role titles) in the user's language, as NocoBase compiles them in the classic client; the same
 * function while the language stays (requests built on it are not made again at each render).
 */
export function useTvalCompile(): Compile {
  const { t } = useInboxTranslation();
  return useCallback(
    (text) => {
      if (typeof text !== 'string') return undefined;
      const tval = parseTval(text);
      return tval ? String(t(tval.key, tval.options)) : text;
    },
    [t],
  );
}
