describe('yieldWhenBusy', () => {
  // The test owns the clock, so a slow or busy machine cannot end a slice early.
  let now = 1_000;
  let yieldWhenBusy: typeof import('./cooperative').yieldWhenBusy;

  beforeEach(() => {
    jest.spyOn(performance, 'now').mockImplementation(() => now);
    jest.isolateModules(() => {
      ({ yieldWhenBusy } = require('./cooperative'));
    });
  });

  afterEach(() => jest.restoreAllMocks());

  it('lets pending callbacks run once work has taken its slice, and not before', async () => {
    now += 3;
    expect(yieldWhenBusy()).toBeUndefined();

    const ran: string[] = [];
    setImmediate(() => ran.push('a viewer request'));
    now += 3;
    const wait = yieldWhenBusy();
    expect(wait).toBeInstanceOf(Promise);
    // Everything that yields in the same slice waits for the same turn.
    expect(yieldWhenBusy()).toBe(wait);
    expect(ran).toEqual([]);
    await wait;
    expect(ran).toEqual(['a viewer request']);
    // A new slice starts when the turn comes.
    now += 3;
    expect(yieldWhenBusy()).toBeUndefined();
  });
});
