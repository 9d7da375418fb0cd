/**
 * Collection work yields to the event loop once it has run for a few milliseconds, so
 * requests of viewers that arrive during a burst of upstream answers are served between
 * answers rather than after all of them.
 */
const SLICE_MS = 4;
let sliceStarted = performance.now();
let waiting: Promise<void> | undefined;

/** Resolves at once while the current slice lasts, else after pending I/O has run. */
export function yieldWhenBusy(): Promise<void> | void {
  if (performance.now() - sliceStarted < SLICE_MS) return undefined;
  waiting ??= new Promise<void>(resolve =>
    setImmediate(() => {
      waiting = undefined;
      sliceStarted = performance.now();
      resolve();
    }),
  );
  return waiting;
}
