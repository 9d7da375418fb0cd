import { addRegion, initFleet } from '@inferadb-regions/plugin-inferadb-node';
import {
  DEMO_TOKEN,
  forwardPort,
  GithubEmulator,
  startKubernetesEmulator,
} from '@internal/inferadb-emulators';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Demo credentials: loopback emulators only, printed in app-config.yaml on purpose. */
export const DEMO_GITHUB_TOKEN = 'inferadb-demo-github-token-not-a-secret';

/** Ports after the demo fleet's base port (see app-config.yaml). */
const GITHUB_OFFSET = 30;
const SPARE_CLUSTER_OFFSETS = [4, 5];

const DEMO_TARGETS = {
  p95LatencyMs: 50,
  replicationLagSeconds: 5,
  failoverSeconds: 60,
  uptimePercent: 99.95,
};

/**
 * The demo fleet's deployment repository, written as a team would with the library behind
 * `inferadb-regions init` and `add-region`. Its fleet.yaml is the demo fleet's source of
 * truth: the health backend reads it from the GitHub emulator, so a merged new-region pull
 * request shows on the fleet page.
 */
async function writeDeploymentRepository(dir: string) {
  await initFleet(dir, {
    name: 'inferadb-demo',
    storage: 'foundationdb',
    owner: 'group:default/platform',
    primary: {
      id: 'us-west-1',
      cluster: 'demo-us-west-1',
      serviceCidr: '10.96.0.0/16',
      targets: DEMO_TARGETS,
      maintenanceWindow: 'Sun 02:00-04:00 UTC',
    },
  });
  await addRegion(dir, {
    region: {
      id: 'eu-central-1',
      role: 'dr',
      cluster: 'demo-eu-central-1',
      serviceCidr: '10.97.0.0/16',
      targets: DEMO_TARGETS,
      maintenanceWindow: 'Sun 04:00-06:00 UTC',
    },
  });
  await addRegion(dir, {
    region: {
      id: 'ap-southeast-1',
      role: 'replica',
      cluster: 'demo-ap-southeast-1',
      targets: {
        p95LatencyMs: 80,
        replicationLagSeconds: 5,
        uptimePercent: 99.9,
      },
      maintenanceWindow: 'Sat 18:00-20:00 UTC',
    },
  });
}

/**
 * What the new-region template needs in the demo besides the fleet (whose tailnet it
 * shares): a GitHub holding the demo fleet's deployment repository, and two empty
 * clusters for new regions.
 */
export async function startDemoDeployment(basePort: number) {
  const closers: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
  };
  try {
    // The emulator is a GitHub Enterprise host of its own (app-config's integration), so
    // every URL the portal shows opens the emulator, never github.com.
    const port = basePort + GITHUB_OFFSET;
    const github = await GithubEmulator.start({
      port,
      host: `127.0.0.1:${port}`,
      token: DEMO_GITHUB_TOKEN,
    });
    closers.push(() => github.stop());
    const seed = await fs.mkdtemp(path.join(os.tmpdir(), 'inferadb-demo-'));
    closers.push(() => fs.rm(seed, { recursive: true, force: true }));
    await writeDeploymentRepository(seed);
    await github.createRepository('inferadb', 'inferadb-demo-deploy', {
      fromDirectory: seed,
    });

    for (const offset of SPARE_CLUSTER_OFFSETS) {
      const cluster = await startKubernetesEmulator({ token: DEMO_TOKEN });
      closers.push(() => cluster.close());
      const forward = await forwardPort(
        basePort + offset,
        Number(new URL(cluster.url).port),
      );
      closers.push(() => forward.close());
    }

    return {
      githubUrl: github.apiBaseUrl,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
