import { fleetStorageSchema, MAX_CONNECTION_STRING_LENGTH } from './schema';

const seed = (seedConnectionString: string) =>
  fleetStorageSchema.safeParse({ type: 'foundationdb', seedConnectionString });

describe('seedConnectionString', () => {
  it.each([
    'inferadb_demo:Xq3cQ8fA@10.96.0.11:4501,10.96.0.12:4501,10.97.0.11:4501',
    'demo:abc@127.0.0.1:4500:tls,[::1]:4500',
    'demo:abc@fdb-0.fdb.inferadb.svc.cluster.local:4501',
  ])('takes %s', value => {
    expect(seed(value).success).toBe(true);
  });

  it.each([
    ['no ID', 'demo@10.0.0.1:4501'],
    ['no coordinator', 'demo:abc@'],
    ['an address without a port', 'demo:abc@10.0.0.1'],
    ['a dash in the description', 'my-db:abc@10.0.0.1:4501'],
    ['a second cluster file line', 'demo:abc@10.0.0.1:4501\nmore'],
    ['markdown in it', 'demo:abc@10.0.0.1:4501](https://phish.example)'],
  ])('refuses %s, naming the format', (_what, value) => {
    const result = seed(value);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(
      "must be FoundationDB's cluster file format, description:ID@IP:PORT",
    );
  });

  it('refuses one longer than the bound', () => {
    const long = `demo:abc@${Array.from(
      { length: 200 },
      (_, i) => `10.0.${i % 250}.1:4501`,
    ).join(',')}`;
    expect(long.length).toBeGreaterThan(MAX_CONNECTION_STRING_LENGTH);
    expect(JSON.stringify(seed(long).error?.issues)).toContain(
      `may be at most ${MAX_CONNECTION_STRING_LENGTH} characters`,
    );
  });
});
