import { yieldWhenBusy } from './cooperative';

const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('yieldWhenBusy', () => {
  it('lets pending callbacks run once work has taken its slice, and not before', async () => {
    await yieldWhenBusy();
    expect(yieldWhenBusy()).toBeUndefined();

    const ran: string[] = [];
    setImmediate(() => ran.push('a viewer request'));
    spin(6);
    const wait = yieldWhenBusy();
    expect(wait).toBeInstanceOf(Promise);
    // Everything that yields in the same slice waits for the same turn.
    expect(yieldWhenBusy()).toBe(wait);
    await wait;
    expect(ran).toEqual(['a viewer request']);
    expect(yieldWhenBusy()).toBeUndefined();
  });
});
