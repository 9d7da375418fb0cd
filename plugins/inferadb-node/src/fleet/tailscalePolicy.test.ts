import { startTailscaleEmulator } from '@internal/inferadb-emulators';
import { createTailscaleClient } from '../tailscale/client';
import { meshKeys } from './mesh';
import { tailscalePolicy } from './render';
import { FDB_REGIONS, parsedFleet } from './__testdata__/fleets';

const fleet = (storage: object, regions: object[], tagPrefix?: string) =>
  parsedFleet(storage, regions, { tagPrefix });

const fleets = {
  foundationdb: fleet({ type: 'foundationdb' }, FDB_REGIONS),
  ledger: fleet(
    { type: 'ledger' },
    [
      { id: 'us-west-1', role: 'primary', cluster: 'k1' },
      {
        id: 'ap-southeast-1',
        role: 'replica',
        cluster: 'k2',
        regionalStorage: false,
      },
    ],
    'acme',
  ),
};

describe('the generated Tailscale policy', () => {
  it.each(Object.entries(fleets))(
    '%s: its tag owners let the OAuth client of docs/tailscale-keys.md mint every key the fleet needs',
    async (_, f) => {
      const policy = tailscalePolicy(f);
      const owner = `tag:${f.spec.tailscale.tagPrefix}`;
      // The tailnet's policy is the merged fragment; the OAuth client carries the owner tag.
      const ts = await startTailscaleEmulator({
        tagOwners: policy.tagOwners,
        oauthClient: { tags: [owner] },
      });
      try {
        const client = createTailscaleClient({
          baseUrl: ts.url,
          credentials: {
            type: 'oauth',
            clientId: ts.oauthClient.clientId,
            clientSecret: ts.oauthClient.clientSecret,
          },
        });
        const keys = f.spec.regions.flatMap(region => meshKeys(f, region));
        expect(keys.length).toBeGreaterThan(2);
        for (const key of keys) {
          const created = await client.createAuthKey({
            tags: key.tags,
            ephemeral: key.ephemeral,
            expirySeconds: 86400,
          });
          expect(created.id).toBeTruthy();
        }
        // Every tag a key carries has an owner, and it is the OAuth client's tag.
        for (const tag of new Set(keys.flatMap(k => k.tags))) {
          expect(policy.tagOwners[tag]).toEqual([owner]);
        }
        expect(policy.tagOwners[owner]).toEqual(['autogroup:admin']);
      } finally {
        await ts.close();
      }
    },
  );

  it('gives each role its own tags and never one key for several roles', () => {
    const f = fleets.foundationdb;
    const primary = meshKeys(f, f.spec.regions[0]);
    expect(primary.map(k => [k.role, k.tags, k.ephemeral])).toEqual([
      ['engine', ['tag:inferadb-engine', 'tag:inferadb-us-west-1'], true],
      ['control', ['tag:inferadb-control', 'tag:inferadb-us-west-1'], true],
      ['storage', ['tag:fdb', 'tag:inferadb-us-west-1'], true],
      ['router', ['tag:inferadb-router', 'tag:inferadb-us-west-1'], false],
    ]);
    // A replica has no data center: no FDB pods and no router of its own.
    expect(meshKeys(f, f.spec.regions[3]).map(k => k.role)).toEqual([
      'engine',
      'control',
    ]);
  });

  it('carries tests that the policy file must pass', () => {
    const policy = tailscalePolicy(fleets.foundationdb) as any;
    expect(policy.tests).toContainEqual({
      src: 'tag:fdb',
      accept: ['10.96.0.1:4500', '10.96.0.1:4501'],
      deny: ['10.96.0.1:22', '10.96.0.1:8080'],
    });
    // The tests probe an address of a routed range, which the ACL opens by its hosts alias.
    const [acl] = policy.acls;
    expect(acl.dst).toEqual([
      'inferadb-us-west-1-services:4500-4501',
      'inferadb-eu-central-1-services:4500-4501',
      'inferadb-us-east-1-services:4500-4501',
    ]);
    expect(policy.hosts['inferadb-us-west-1-services']).toBe('10.96.0.0/16');
  });
});
