// Starts the dev portal (`yarn start`) and Debian's Chromium for the browser tests.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const appUrl = process.env.PORTAL_APP_URL ?? 'http://localhost:3000';
export const backendUrl =
  process.env.PORTAL_BACKEND_URL ?? 'http://localhost:7007';
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
        `yarn start exited with ${child.exitCode}:\n${output.join('').slice(-4000)}`,
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

/**
 * Starts the dev portal unless one is already answering (set PORTAL_APP_URL to reuse a
 * running one). Returns a function that stops what it started.
 */
export async function startPortal() {
  const readiness = `${backendUrl}/.backstage/health/v1/readiness`;
  if ((await isUp(appUrl)) && (await isUp(readiness))) {
    return async () => {};
  }
  const yarnPath = readFileSync(join(repoRoot, '.yarnrc.yml'), 'utf8').match(
    /^yarnPath:\s*(.+)$/m,
  )[1];
  const output = [];
  const child = spawn(process.execPath, [join(repoRoot, yarnPath), 'start'], {
    cwd: repoRoot,
    detached: true,
    env: { ...process.env, BROWSER: 'none' },
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
