/**
 * A failure to inject: the first armed fault whose method and path match a request
 * answers it instead of the emulated API.
 */
export interface TailscaleFault {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Path after `/api/v2`, e.g. `/tailnet/-/keys`: a string matches exactly, a RegExp is tested (any when omitted). */
  path?: string | RegExp;
  /** Answer with this status and Tailscale's error body `{"message": ...}`. */
  status?: number;
  message?: string;
  /** Sent as the `Retry-After` header (seconds or an HTTP date). */
  retryAfter?: string | number;
  /** Wait this long before answering (with the fault, or with the real answer when no status is set). */
  delayMs?: number;
  /** Never answer; the request hangs until the emulator closes. */
  hang?: boolean;
  /**
   * Carry the request out, then answer with the first half of its JSON body: what a
   * client sees when a proxy cuts an answer short after the API acted on it.
   */
  truncated?: boolean;
  /** Fire at most this many times, then disappear (default: until cleared). */
  times?: number;
}

interface Armed {
  id: number;
  fault: TailscaleFault;
  fired: number;
}

/** The faults a test has armed, in arming order. */
export class TailscaleFaults {
  #armed: Armed[] = [];
  #nextId = 1;

  add(fault: TailscaleFault): number {
    const id = this.#nextId++;
    this.#armed.push({ id, fault: { ...fault }, fired: 0 });
    return id;
  }

  remove(id: number): boolean {
    const before = this.#armed.length;
    this.#armed = this.#armed.filter(a => a.id !== id);
    return this.#armed.length < before;
  }

  clear(): void {
    this.#armed = [];
  }

  /** The fault that answers this request, counted as fired; undefined when none matches. */
  match(method: string, path: string): TailscaleFault | undefined {
    const armed = this.#armed.find(({ fault }) => {
      if (fault.method && fault.method.toUpperCase() !== method.toUpperCase())
        return false;
      if (fault.path === undefined) return true;
      if (typeof fault.path === 'string') return fault.path === path;
      fault.path.lastIndex = 0;
      return fault.path.test(path);
    });
    if (!armed) return undefined;
    armed.fired++;
    if (armed.fault.times !== undefined && armed.fired >= armed.fault.times) {
      this.remove(armed.id);
    }
    return armed.fault;
  }
}
