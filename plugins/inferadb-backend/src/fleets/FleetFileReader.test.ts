import { mockServices } from '@backstage/backend-test-utils';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ConfigReader } from '@backstage/config';
import { GithubEmulator } from '@internal/inferadb-emulators';
import { readFleetFile } from '@inferadb-regions/plugin-inferadb-node';
import { FleetFileReader } from './FleetFileReader';

const FLEET = `apiVersion: inferadb.io/v1alpha1
kind: Fleet
metadata:
  name: demo
spec:
  storage:
    type: ledger
  regions:
    - id: us-west-1
      role: primary
      cluster: k1
`;

const DR = `    - id: eu-central-1
      role: dr
      cluster: k2
`;

describe('FleetFileReader, through the real URL reader and a GitHub', () => {
  let github: GithubEmulator;
  let url: string;
  let parse: jest.Mock;
  let files: FleetFileReader;

  beforeEach(async () => {
    github = await GithubEmulator.start();
    await github.createRepository('acme', 'deploy', {
      files: { 'fleet/fleet.yaml': FLEET },
    });
    url = github.htmlUrl('acme', 'deploy', 'main', 'fleet/fleet.yaml');
    const reader = UrlReaders.default({
      config: new ConfigReader({
        integrations: { github: [github.integrationConfig()] },
      }),
      logger: mockServices.logger.mock(),
    });
    parse = jest.fn(readFleetFile);
    files = new FleetFileReader(reader, parse);
  });
  afterEach(() => github.stop());

  const contentReads = () =>
    github.requests.filter(r => r.path.includes('/contents/fleet/fleet.yaml'));

  it('does not parse an unchanged file again: the second read is a 304', async () => {
    const first = await files.read(url);
    expect(first.fleet?.spec.regions.map(r => r.id)).toEqual(['us-west-1']);
    const second = await files.read(url);
    // Asked twice with the ETag; the unchanged answer (a 304) is not parsed again.
    expect(contentReads()).toHaveLength(2);
    expect(second).toBe(first);
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('picks up a region merged into the file at the next read', async () => {
    await files.read(url);
    await github.pushFiles('acme', 'deploy', {
      'fleet/fleet.yaml': FLEET + DR,
    });
    const after = await files.read(url);
    expect(after.fleet?.spec.regions.map(r => r.id)).toEqual([
      'us-west-1',
      'eu-central-1',
    ]);
    expect(after.error).toBeUndefined();
  });

  it('reports a broken file with its URL and line, and keeps the last good fleet', async () => {
    const good = await files.read(url);
    await github.pushFiles('acme', 'deploy', {
      'fleet/fleet.yaml': FLEET + DR.replace('role: dr', 'role: leader'),
    });
    const broken = await files.read(url);
    expect(broken.fleet).toEqual(good.fleet);
    expect(broken.error).toEqual({
      url,
      field: 'spec.regions[1].role',
      line: 13,
      message:
        'spec.regions[1].role: role must be one of primary, dr, satellite, replica',
    });
    // Still broken and unchanged: a 304, the same error, no parse.
    expect(await files.read(url)).toBe(broken);
    expect(parse).toHaveBeenCalledTimes(2);
  });

  it('reports a file that cannot be read, naming the URL', async () => {
    const missing = url.replace('fleet.yaml', 'nope.yaml');
    const state = await files.read(missing);
    expect(state.fleet).toBeUndefined();
    expect(state.error?.url).toBe(missing);
    expect(state.error?.message).toMatch(/^cannot be read: /);
  });
});
