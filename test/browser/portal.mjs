// Starts the dev portal (`yarn start`) and Debian's Chromium for the browser tests.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const repoRoot = resolve(import.meta.dirname, '../..');
// Set both to test a portal that is already running; otherwise startPortal picks free
// loopback ports and sets them (live bindings: importers see the new values).
export let appUrl = process.env.PORTAL_APP_URL;
export let backendUrl = process.env.PORTAL_BACKEND_URL;
export const screenshotDir = join(import.meta.dirname, 'screenshots');

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const startTimeoutMs = 240_000;

async function isUp(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return res.status < 500;
  } catch {
    return false;
  }
}

async function waitUntilUp(urls, child, output) {
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(
        `yarn start exited with ${child.exitCode}:\n${output
          .join('')
          .slice(-4000)}`,
      );
    }
    const up = await Promise.all(urls.map(isUp));
    if (up.every(Boolean)) return;
    await new Promise(r => setTimeout(r, 1_000));
  }
  throw new Error(
    `The dev portal did not come up within ${startTimeoutMs / 1000} s:\n${output
      .join('')
      .slice(-4000)}`,
  );
}

/** Distinct ports that are free on loopback right now. */
export async function freePorts(count) {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((res, rej) => {
          const server = createServer();
          server.once('error', rej);
          server.listen(0, '127.0.0.1', () => res(server));
        }),
    ),
  );
  const ports = servers.map(s => s.address().port);
  await Promise.all(servers.map(s => new Promise(r => s.close(r))));
  return ports;
}

/**
 * Starts the dev portal on free loopback ports, or uses the one PORTAL_APP_URL and
 * PORTAL_BACKEND_URL name. Returns a function that stops what it started.
 */
export async function startPortal() {
  if (appUrl && backendUrl) {
    await waitUntilUp(
      [appUrl, `${backendUrl}/.backstage/health/v1/readiness`],
      undefined,
      [],
    );
    return async () => {};
  }
  const [appPort, backendPort] = await freePorts(2);
  appUrl = `http://localhost:${appPort}`;
  backendUrl = `http://localhost:${backendPort}`;
  const readiness = `${backendUrl}/.backstage/health/v1/readiness`;
  const yarnPath = readFileSync(join(repoRoot, '.yarnrc.yml'), 'utf8').match(
    /^yarnPath:\s*(.+)$/m,
  )[1];
  const output = [];
  const child = spawn(process.execPath, [join(repoRoot, yarnPath), 'start'], {
    cwd: repoRoot,
    detached: true,
    env: {
      ...process.env,
      BROWSER: 'none',
      APP_CONFIG_app_baseUrl: appUrl,
      APP_CONFIG_backend_baseUrl: backendUrl,
      APP_CONFIG_backend_listen_port: String(backendPort),
      APP_CONFIG_backend_cors_origin: appUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = chunk => {
    output.push(chunk.toString());
    if (output.length > 400) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  await waitUntilUp([appUrl, readiness], child, output);
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise(r => child.once('exit', r));
    process.kill(-child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise(r => setTimeout(r, 10_000))]);
    if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  };
}

/** Launches headless Chromium with a fresh profile. */
export async function launchBrowser() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'inferadb-browser-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in as the guest user and waits for the signed-in app. */
export async function signInAsGuest(page) {
  await page.goto(appUrl);
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.waitFor({ timeout: 60_000 });
  await enter.click();
  await enter.waitFor({ state: 'detached', timeout: 60_000 });
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .waitFor({ state: 'attached', timeout: 60_000 });
}

/** Saves a full-page screenshot under test/browser/screenshots/. */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
