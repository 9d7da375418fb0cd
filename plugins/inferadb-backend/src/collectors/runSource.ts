import {
  HealthSourceName,
  SourceResult,
} from '@internal/plugin-inferadb-common';

/** Messages of errors that may carry credentials or response bodies are cut to this length. */
const MAX_ERROR = 300;

/** A short, secret-free description of why a source failed. */
export function describeError(error: unknown): string {
  const e = error as any;
  let message: string;
  if (e && typeof e.code === 'number' && 'body' in e) {
    // @kubernetes/client-node ApiException: the HTTP code says enough; the body may echo
    // request details, so only its Status message is kept.
    let detail = '';
    try {
      const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
      if (body && typeof body.message === 'string')
        detail = `: ${body.message}`;
    } catch {
      detail = ': response is not valid JSON';
    }
    message = `HTTP ${e.code}${detail}`;
  } else if (e instanceof Error) {
    message = e.message;
  } else {
    message = String(error);
  }
  // Never echo bearer tokens or keys, whatever a library put in its message.
  message = message.replace(/(Bearer|Basic)\s+[^\s"']+/gi, '$1 <redacted>');
  return message.length > MAX_ERROR
    ? `${message.slice(0, MAX_ERROR)}...`
    : message;
}

/**
 * Runs one source with its own timeout. The result is always a value: a failure or a
 * timeout becomes `{ok: false, error}` and never delays the caller beyond `timeoutMs`,
 * even when the source ignores the abort signal.
 */
export async function runSource<T>(
  source: HealthSourceName,
  timeoutMs: number,
  read: (signal: AbortSignal) => Promise<T>,
): Promise<{ result: SourceResult; value?: T }> {
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
      result: {
        source,
        ok: false,
        error: timedOut
          ? `timed out after ${timeoutMs} ms`
          : describeError(error),
        ...(timedOut ? { timedOut: true } : {}),
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
