import { useCallback, useEffect, useRef, useState } from 'react';
import { usePageVisible } from './usePageVisible';

/** Default time between polls; the backend collects every 30 s by default. */
export const DEFAULT_POLL_INTERVAL_MS = 15_000;

export interface Polled<T> {
  /** The latest value; kept while a later poll fails so the page never blanks. */
  value?: T;
  /** The error of the latest attempt, if it failed. */
  error?: Error;
  /** True until the first attempt has settled. */
  loading: boolean;
  /** When the latest successful answer arrived. */
  fetchedAt?: Date;
  /** Fetch now, out of turn. */
  retry: () => void;
  /** Show a value obtained elsewhere (e.g. the answer of a forced refresh). */
  replace: (value: T) => void;
}

/**
 * Polls `load` every `intervalMs` while the tab is visible, and once more as soon as it
 * becomes visible again. The value is replaced in place, never reset to `undefined`, so
 * open drawers and scroll positions survive every poll. `load` should be a conditional
 * read (the API client sends `If-None-Match`) so an unchanged snapshot costs a `304`.
 */
export function usePolled<T>(
  load: (() => Promise<T>) | undefined,
  deps: unknown[],
  intervalMs: number = DEFAULT_POLL_INTERVAL_MS,
): Polled<T> {
  const visible = usePageVisible();
  const [state, setState] = useState<{
    value?: T;
    error?: Error;
    loading: boolean;
    fetchedAt?: Date;
  }>({ loading: Boolean(load) });
  const [tick, setTick] = useState(0);
  const generation = useRef(0);

  // A new subject (another fleet or region) starts from scratch.
  useEffect(() => {
    generation.current += 1;
    setState({ loading: Boolean(load) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(() => {
    if (!load || !visible) return undefined;
    const mine = generation.current;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const run = async () => {
      try {
        const value = await load();
        if (cancelled || mine !== generation.current) return;
        setState(prev =>
          prev.value === value && !prev.error && !prev.loading
            ? { ...prev, fetchedAt: new Date() }
            : { value, loading: false, fetchedAt: new Date() },
        );
      } catch (e) {
        if (cancelled || mine !== generation.current) return;
        setState(prev => ({ ...prev, error: e as Error, loading: false }));
      }
      if (!cancelled) timer = setTimeout(run, intervalMs);
    };
    run();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, visible, intervalMs, tick]);

  const retry = useCallback(() => setTick(t => t + 1), []);
  const replace = useCallback(
    (value: T) => setState({ value, loading: false, fetchedAt: new Date() }),
    [],
  );
  return { ...state, retry, replace };
}
