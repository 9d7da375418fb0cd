import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generate } from 'selfsigned';
import { stringify } from 'yaml';
import { startDemoRegionCluster } from '../demo';
import { DEMO_NAMESPACE } from '../demo/regions';
import type { KubernetesEmulator } from './server';

const run = promisify(execFile);
const kubectlInstalled =
  spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status ===
  0;
if (!kubectlInstalled) {
  // eslint-disable-next-line no-console
  console.warn('kubectl not found: apt-get install kubernetes-client');
}

jest.setTimeout(60_000);

(kubectlInstalled ? describe : describe.skip)(
  'kubectl against the emulator',
  () => {
    let cluster: KubernetesEmulator;
    let dir: string;
    let kubeconfig: string;

    beforeAll(async () => {
      // kubectl sends its token over TLS only: a certificate for 127.0.0.1, which the
      // kubeconfig trusts as its certificate authority.
      const pems = generate([{ name: 'commonName', value: '127.0.0.1' }], {
        days: 1,
        keySize: 2048,
        algorithm: 'sha256',
        extensions: [
          { name: 'basicConstraints', cA: true },
          { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
        ],
      });
      cluster = await startDemoRegionCluster('us-west-1', {
        tls: { key: pems.private, cert: pems.cert },
      });
      dir = mkdtempSync(join(tmpdir(), 'kubectl-'));
      kubeconfig = join(dir, 'config');
      const options = cluster.kubeConfigOptions('emulator');
      writeFileSync(
        kubeconfig,
        stringify({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: options.clusters.map(c => ({
            name: c.name,
            cluster: {
              server: c.server,
              'certificate-authority-data': c.caData,
            },
          })),
          users: options.users.map(u => ({
            name: u.name,
            user: { token: u.token },
          })),
          contexts: options.contexts.map(c => ({
            name: c.name,
            context: { cluster: c.cluster, user: c.user },
          })),
          'current-context': options.currentContext,
        }),
      );
    });

    afterAll(async () => {
      await cluster?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** Runs kubectl with its discovery cache in the test's folder. */
    async function kubectl(...args: string[]): Promise<string> {
      const { stdout } = await run(
        'kubectl',
        [
          '--kubeconfig',
          kubeconfig,
          '--cache-dir',
          join(dir, 'cache'),
          '--request-timeout',
          '10s',
          ...args,
        ],
        { env: { ...process.env, HOME: dir } },
      );
      return stdout;
    }

    const names = (apiVersion: string, kind: string) =>
      cluster.list(apiVersion, kind, DEMO_NAMESPACE).map(o => o.metadata.name);

    it('get pods -A lists every pod with its namespace', async () => {
      const out = await kubectl('get', 'pods', '-A');
      const pods = names('v1', 'Pod');
      expect(pods.length).toBeGreaterThan(0);
      for (const pod of pods) {
        expect(out).toMatch(new RegExp(`^${DEMO_NAMESPACE}\\s+${pod}\\s`, 'm'));
      }
    });

    it('get statefulsets finds them through the apps group', async () => {
      const out = await kubectl(
        'get',
        'statefulsets',
        '-n',
        DEMO_NAMESPACE,
        '-o',
        'name',
      );
      const sets = names('apps/v1', 'StatefulSet');
      expect(sets.length).toBeGreaterThan(0);
      expect(out.trim().split('\n').sort()).toEqual(
        sets.map(s => `statefulset.apps/${s}`).sort(),
      );
    });

    it('get foundationdbclusters (and its short name fdb) finds the CRD', async () => {
      const clusters = names(
        'apps.foundationdb.org/v1beta2',
        'FoundationDBCluster',
      );
      expect(clusters.length).toBeGreaterThan(0);
      const expected = clusters
        .map(c => `foundationdbcluster.apps.foundationdb.org/${c}`)
        .sort();
      for (const resource of ['foundationdbclusters', 'fdb']) {
        const out = await kubectl(
          'get',
          resource,
          '-n',
          DEMO_NAMESPACE,
          '-o',
          'name',
        );
        expect(out.trim().split('\n').sort()).toEqual(expected);
      }
    });

    it('names a resource the server does not serve', async () => {
      await expect(kubectl('get', 'widgets')).rejects.toMatchObject({
        stderr: expect.stringContaining(
          'the server doesn\'t have a resource type "widgets"',
        ),
      });
    });
  },
);
