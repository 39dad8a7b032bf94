import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data?: T;
  loading: boolean;
  error: unknown;
  reload: () => void;
  /** replaces the data with what a save answered, without asking again */
  setData: (data: T) => void;
}

/**
 * Loads once on mount and again when `load` changes (memoize it); an answer that arrives after a newer
 * request started, or after unmount, is dropped.
 */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ data?: T; loading: boolean; error: unknown }>({ loading: true, error: null });
  const generation = useRef(0);

  const reload = useCallback(() => {
    const current = ++generation.current;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    load().then(
      (data) => current === generation.current && setState({ data, loading: false, error: null }),
      (error) => current === generation.current && setState((previous) => ({ ...previous, loading: false, error })),
    );
  }, [load]);

  useEffect(() => {
    reload();
    return () => {
      generation.current++;
    };
  }, [reload]);

  const setData = useCallback((data: T) => {
    generation.current++;
    setState({ data, loading: false, error: null });
  }, []);

  return { ...state, reload, setData };
}
