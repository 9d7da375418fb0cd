import { inspect } from 'node:util';

const REDACTED = '[redacted Tailscale auth key]';

/**
 * Holds an auth key value so that it cannot be printed by accident: `String()`,
 * `JSON.stringify`, template strings and `util.inspect` (which loggers use) all show
 * a placeholder. Only `reveal()` returns the value.
 *
 * @public
 */
export class AuthKeySecret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The key value; call it only where the key is written to its Secret. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
