type Answers<T extends readonly unknown[]> = {
  -readonly [P in keyof T]: Awaited<T[P]>;
};

/**
 * `Promise.all` for requests under the upstream gate: it settles only once every request
 * has, then fails with the first failure. With `Promise.all` a source whose first request
 * fails would give back its slots while the others are still in flight.
 */
export async function allAnswered<T extends readonly unknown[] | []>(
  requests: T,
): Promise<Answers<T>> {
  const settled = (await Promise.allSettled(
    requests as readonly unknown[],
  )) as PromiseSettledResult<unknown>[];
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  return settled.map(
    s => (s as PromiseFulfilledResult<unknown>).value,
  ) as Answers<T>;
}
