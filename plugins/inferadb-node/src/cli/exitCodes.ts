/** Exit statuses of inferadb-regions. */
export const EXIT = {
  ok: 0,
  /** Invalid input or an invalid fleet; messages on stderr. */
  invalid: 1,
  /** The command line itself is wrong (unknown command or option, missing option). */
  usage: 2,
} as const;
