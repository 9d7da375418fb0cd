import {
  HealthSourceName,
  SourceResult,
} from '@inferadb-regions/plugin-inferadb-common';
import { logMessage, viewerFailure } from './sourceError';

/**
 * Runs one source with its own timeout. The result is always a value: a failure or a
 * timeout becomes `{ok: false, error}` and never delays the caller beyond `timeoutMs`,
 * even when the source ignores the abort signal.
 */
export async function runSource<T>(
  source: HealthSourceName,
  timeoutMs: number,
  read: (signal: AbortSignal) => Promise<T>,
): Promise<{ result: SourceResult; value?: T; logDetail?: string }> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new Error(`timed out after ${timeoutMs} ms`);
      err.name = 'TimeoutError';
      controller.abort(err);
      reject(err);
    }, timeoutMs);
  });
  try {
    const value = await Promise.race([read(controller.signal), timeout]);
    return {
      result: {
        source,
        ok: true,
        durationMs: Math.round(performance.now() - started),
      },
      value,
    };
  } catch (error) {
    const timedOut = controller.signal.aborted;
    return {
      // The whole error for the backend log; viewers get its kind only.
      logDetail: timedOut ? undefined : logMessage(error),
      result: {
        source,
        ok: false,
        ...(timedOut
          ? {
              error: `timed out after ${timeoutMs} ms`,
              failure: 'timeout',
              timedOut: true,
            }
          : viewerFailure(error)),
        durationMs: Math.round(performance.now() - started),
      },
    };
  } finally {
    clearTimeout(timer);
  }
}

/** A source the region has no configuration for. */
export function skippedSource(source: HealthSourceName): SourceResult {
  return { source, ok: true, skipped: true, durationMs: 0 };
}
