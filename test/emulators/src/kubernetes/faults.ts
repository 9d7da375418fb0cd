import { randomUUID } from 'node:crypto';
import { failureStatus } from './status';

/**
 * A failure to inject: the first fault whose `method` and `path` match a
 * request decides how that request is answered.
 */
export interface KubernetesFault {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** The request path without query: a string matches exactly, a RegExp is tested (any when omitted). */
  path?: string | RegExp;
  /** Answer with this code and a real Status object (or `body` when given). */
  status?: number;
  /** Answer body instead of the Status object; answered with 200 unless `status` is given. */
  body?: string | object;
  /** Wait this long before answering (with the fault, or with the real answer when nothing else is set). */
  delayMs?: number;
  /** Never answer; the request hangs until the emulator closes. */
  hang?: boolean;
  /**
   * Close the connection without answering: what a client sees when the server closes a
   * kept-alive connection at its idle timeout just as the client sends on it.
   */
  reset?: boolean;
  /** Answer 200 with truncated JSON. */
  malformed?: boolean;
  /** Fire at most this many times, then disappear. */
  times?: number;
}

/** What the server does with a request a fault matched. */
export type FaultAnswer =
  | { type: 'hang' }
  | { type: 'reset' }
  | { type: 'delay'; delayMs: number }
  | {
      type: 'respond';
      delayMs: number;
      status: number;
      contentType: string;
      body: string;
    };

/** The start of a Status object, cut off mid-way: what a client sees from a broken proxy or stream. */
const MALFORMED_BODY = '{"kind":"Status","apiVersion":"v1","metadata":{';

/** The faults a test has armed, in the order it armed them. */
export class FaultSet {
  private readonly faults: Array<{
    id: string;
    fault: KubernetesFault;
    fired: number;
  }> = [];

  add(fault: KubernetesFault): string {
    const id = randomUUID();
    this.faults.push({ id, fault: { ...fault }, fired: 0 });
    return id;
  }

  remove(id: string): boolean {
    const index = this.faults.findIndex(f => f.id === id);
    if (index >= 0) this.faults.splice(index, 1);
    return index >= 0;
  }

  clear(): void {
    this.faults.length = 0;
  }

  /** The answer for a request, counting the fault as fired; undefined when no fault matches. */
  match(method: string, path: string): FaultAnswer | undefined {
    const entry = this.faults.find(({ fault }) => {
      if (fault.method && fault.method.toUpperCase() !== method.toUpperCase())
        return false;
      if (fault.path === undefined) return true;
      if (typeof fault.path === 'string') return fault.path === path;
      fault.path.lastIndex = 0;
      return fault.path.test(path);
    });
    if (!entry) return undefined;
    entry.fired++;
    if (entry.fault.times !== undefined && entry.fired >= entry.fault.times) {
      this.remove(entry.id);
    }
    return answerFor(entry.fault);
  }
}

function answerFor(fault: KubernetesFault): FaultAnswer {
  const delayMs = fault.delayMs ?? 0;
  if (fault.hang) return { type: 'hang' };
  if (fault.reset) return { type: 'reset' };
  if (fault.malformed) {
    return {
      type: 'respond',
      delayMs,
      status: 200,
      contentType: 'application/json',
      body: MALFORMED_BODY,
    };
  }
  if (fault.body !== undefined) {
    return {
      type: 'respond',
      delayMs,
      status: fault.status ?? 200,
      contentType: 'application/json',
      body:
        typeof fault.body === 'string'
          ? fault.body
          : JSON.stringify(fault.body),
    };
  }
  if (fault.status !== undefined) {
    return {
      type: 'respond',
      delayMs,
      status: fault.status,
      contentType: 'application/json',
      body: JSON.stringify(
        failureStatus(fault.status, `injected fault: HTTP ${fault.status}`),
      ),
    };
  }
  return { type: 'delay', delayMs };
}
