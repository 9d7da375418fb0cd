// The new-region template's form in Chromium: validation as the action validates, role
// choices that follow the storage, and (when the dev portal runs the GitHub and Tailscale
// emulators, docs/getting-started.md) a full run to the pull request.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appUrl, backendUrl, screenshot } from './portal.mjs';

const formUrl = () => `${appUrl}/create/templates/default/inferadb-new-region`;
// Where docs/getting-started.md says the dev portal's GitHub emulator listens.
const GITHUB_EMULATOR =
  process.env.INFERADB_GITHUB_EMULATOR_URL ?? 'http://127.0.0.1:7130';

async function githubEmulatorUp() {
  try {
    const res = await fetch(
      `${GITHUB_EMULATOR}/api/v3/repos/inferadb/inferadb-demo-deploy`,
      {
        signal: AbortSignal.timeout(2_000),
      },
    );
    // 401 without a token: the emulator is there.
    return res.status === 401 || res.status === 200;
  } catch {
    return false;
  }
}

// The demo repository and the emulator's fixed token (app-config.yaml, integrations).
const REPO = 'inferadb/inferadb-demo-deploy';
const GITHUB_TOKEN = 'inferadb-demo-github-token-not-a-secret';
// inferadb.health.refreshInterval of app-config.yaml, and the fleet page's poll.
const COLLECTION_INTERVAL_MS = 10_000;
const PAGE_POLL_MS = 15_000;

/** Merges a pull request through the emulator's REST API, as a reviewer would. */
async function mergePullRequest(number) {
  const res = await fetch(
    `${GITHUB_EMULATOR}/api/v3/repos/${REPO}/pulls/${number}/merge`,
    {
      method: 'PUT',
      headers: {
        authorization: `token ${GITHUB_TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ merge_method: 'merge' }),
    },
  );
  const body = await res.json();
  assert.equal(body.merged, true, `merge #${number}: ${JSON.stringify(body)}`);
  return Date.now();
}

/** Waits for the fleet page to show (or no longer show) a region; returns when it did. */
async function waitForRegionOnFleetPage(page, region, shown) {
  await page.goto(`${appUrl}/inferadb`);
  // The page polls by itself; first let it render, so "gone" means gone.
  await page.getByTestId('fleet-topology').waitFor({ timeout: 60_000 });
  const node = page.locator(
    `[data-testid="fleet-topology"] [data-region="${region}"]`,
  );
  await node.waitFor({
    state: shown ? 'visible' : 'detached',
    timeout: COLLECTION_INTERVAL_MS + PAGE_POLL_MS + 30_000,
  });
  return Date.now();
}

async function guestToken() {
  const session = await fetch(
    `${backendUrl}/api/auth/guest/refresh?env=development`,
    { headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  return (await session.json()).backstageIdentity.token;
}

/** The DR region's failover caveats, as the health API serves them. */
async function drCaveats() {
  const res = await fetch(`${backendUrl}/api/inferadb/fleets/inferadb-demo`, {
    headers: { authorization: `Bearer ${await guestToken()}` },
  });
  const fleet = await res.json();
  return (
    fleet.regions.find(r => r.region === 'eu-central-1')?.failover.caveats ?? []
  );
}

/** Runs a template through the scaffolder's REST API as the guest, to completion. */
async function runTemplateTask(templateRef, values) {
  const token = await guestToken();
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  const created = await fetch(`${backendUrl}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ templateRef, values }),
  });
  const { id } = await created.json();
  for (let i = 0; i < 240; i++) {
    const events = await (
      await fetch(`${backendUrl}/api/scaffolder/v2/tasks/${id}/events`, {
        headers,
      })
    ).json();
    const completion = events.find(e => e.type === 'completion');
    if (completion) {
      assert.notEqual(
        completion.body?.status,
        'failed',
        `task ${id} failed: ${events.map(e => e.body?.message).join('\n')}`,
      );
      return completion.body?.output ?? {};
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`task ${id} did not finish in 2 minutes`);
}

/**
 * Every repository link in a task's log opens a page of the demo's GitHub emulator: none
 * points at github.com, where the demo repository does not exist.
 */
async function expectLogLinksOpenTheEmulator(taskId) {
  const events = await (
    await fetch(`${backendUrl}/api/scaffolder/v2/tasks/${taskId}/events`, {
      headers: { authorization: `Bearer ${await guestToken()}` },
    })
  ).json();
  const log = events.map(e => e.body?.message ?? '').join('\n');
  const urls = (log.match(/https?:\/\/[^\s'"`)<>]+/g) ?? []).map(u =>
    u.replace(/[.,:;]+$/, ''),
  );
  assert.deepEqual(
    urls.filter(u => new URL(u).hostname.endsWith('github.com')),
    [],
  );
  const emulated = [...new Set(urls)].filter(u =>
    u.startsWith(`${GITHUB_EMULATOR}/`),
  );
  assert.ok(emulated.length > 0, `no repository link in task ${taskId}'s log`);
  for (const url of emulated) {
    const res = await fetch(url);
    assert.equal(res.status, 200, `${url} from the task log: ${res.status}`);
  }
}

/** Opens an MUI select by its label and returns the texts of its options. */
async function optionsOf(page, label) {
  await page
    .getByRole('button', { name: label })
    .or(page.getByLabel(label))
    .first()
    .click();
  const listbox = page.getByRole('listbox');
  await listbox.waitFor();
  const options = await listbox.getByRole('option').allTextContents();
  await page.keyboard.press('Escape');
  await listbox.waitFor({ state: 'detached' });
  return options.map(o => o.trim()).filter(Boolean);
}

async function choose(page, label, option) {
  await page
    .getByRole('button', { name: label })
    .or(page.getByLabel(label))
    .first()
    .click();
  await page.getByRole('option', { name: option }).first().click();
}

/** Waits until the fleet picker has loaded the fleets and preselected the demo's, the only one. */
async function waitForDemoFleet(page, timeout = 30_000) {
  await page.waitForFunction(
    () =>
      document.querySelector('#root_fleet')?.value.includes('inferadb-demo'),
    undefined,
    { timeout },
  );
}

/** Opens a template's form and waits for its fleet field. */
async function openFormWithDemoFleet(page, template) {
  await page.goto(`${appUrl}/create/templates/default/${template}`);
  await waitForDemoFleet(page, 60_000);
}

async function fillRegionPage(page, regionId) {
  await waitForDemoFleet(page);
  const id = page.getByLabel(/^Region id/).first();
  await id.fill(regionId);
}

export default function templateSuite(portal) {
  describe('new-region template form', () => {
    it('refuses a region id that is not a DNS-1123 label, naming the rule', async () => {
      const page = portal.page();
      await page.goto(formUrl());
      await page
        .getByRole('heading', { name: 'Add an InferaDB region' })
        .waitFor({ timeout: 60_000 });
      await fillRegionPage(page, 'US_East');
      // Every required field filled, so only the pattern can stop the page.
      await choose(page, /^Role/, /^Satellite/);
      await page.getByRole('button', { name: 'Next' }).click();
      await screenshot(page, 'template-invalid-region-id');
      await page
        .getByText(/must match pattern/)
        .first()
        .waitFor({ timeout: 10_000 });
    });

    it('offers every role but primary, and asks nothing the fleet knows', async () => {
      const page = portal.page();
      const roles = await optionsOf(page, /^Role/);
      assert.deepEqual(
        roles.map(o => o.split(':')[0]),
        ['DR', 'Satellite', 'Replica'],
      );
      // The demo fleet has its DR region: a second one is shown, not offered.
      assert.match(
        roles[0],
        /\(not possible: the fleet already has one, eu-central-1\)$/,
      );
      // Storage and the deployment repository come from the fleet's file.
      assert.equal(await page.getByLabel(/^Fleet storage/).count(), 0);
    });

    it('walks the form to the review page with valid values', async () => {
      const page = portal.page();
      const id = page.getByLabel(/^Region id/).first();
      await id.fill('us-east-1');
      await choose(page, /^Role/, /^Satellite/);
      // A data center of a multi-region FDB fleet names its cluster's Service CIDR.
      await page
        .getByLabel(/^Service CIDR/)
        .first()
        .fill('10.99.0.0/16');
      await page.getByRole('button', { name: 'Next' }).click();

      // The cluster field lists inferadb.clusters of app-config, from the backend.
      await page.getByRole('button', { name: /^Kubernetes cluster/ }).click();
      await page.getByRole('option').first().waitFor();
      assert.deepEqual(await page.getByRole('option').allTextContents(), [
        'demo-us-west-1',
        'demo-eu-central-1',
        'demo-ap-southeast-1',
        'demo-us-east-1',
        'demo-sa-east-1',
      ]);
      await screenshot(page, 'template-cluster-picker');
      await page.getByRole('option', { name: 'demo-us-east-1' }).click();
      await page.getByRole('button', { name: 'Review' }).click();
      await screenshot(page, 'template-review');
      await page.getByText('us-east-1').first().waitFor();
      await page.getByText('satellite').first().waitFor();
      await page.getByText('Role', { exact: true }).first().waitFor();
      await screenshot(page, 'template-review');
    });

    it('runs the template to a pull request', async t => {
      if (!(await githubEmulatorUp())) {
        t.skip(
          `no GitHub emulator at ${GITHUB_EMULATOR}: the dev portal is not wired for template runs`,
        );
        return;
      }
      const page = portal.page();
      await page.getByRole('button', { name: 'Create' }).click();
      const prLink = page.getByRole('link', { name: 'Pull request' });
      await prLink.waitFor({ timeout: 120_000 });
      const href = await prLink.getAttribute('href');
      assert.match(href, /\/inferadb\/inferadb-demo-deploy\/pull\/\d+$/);
      await screenshot(page, 'template-completed');
      const pr = await (await fetch(href)).text();
      assert.match(pr, /us-east-1/);
      const taskId = page.url().split('/').pop();

      // No satellite yet: the DR region could take over only with data loss.
      assert.match(
        (await drCaveats()).join(' '),
        /force_recovery_with_data_loss/,
      );

      // Merged, the region shows on the fleet page: no config edit, no restart.
      const merged = await mergePullRequest(Number(href.split('/').pop()));
      // Merged, every file the log names exists.
      await expectLogLinksOpenTheEmulator(taskId);
      const shown = await waitForRegionOnFleetPage(page, 'us-east-1', true);
      t.diagnostic(`merge to region on the fleet page: ${shown - merged} ms`);
      // The satellite clears the caveat.
      assert.deepEqual(await drCaveats(), []);
      await screenshot(page, 'fleet-page-after-merge');
    });

    it('removes the region again through remove-region and its merged pull request', async t => {
      if (!(await githubEmulatorUp())) {
        t.skip(`no GitHub emulator at ${GITHUB_EMULATOR}`);
        return;
      }
      const output = await runTemplateTask(
        'template:default/inferadb-remove-region',
        {
          fleet: 'system:default/inferadb-demo',
          regionId: 'us-east-1',
          confirm: true,
        },
      );
      const prUrl = output.links?.find(l => /\/pull\/\d+$/.test(l.url))?.url;
      assert.ok(prUrl, `pull request link in ${JSON.stringify(output)}`);
      const merged = await mergePullRequest(Number(prUrl.split('/').pop()));
      const gone = await waitForRegionOnFleetPage(
        portal.page(),
        'us-east-1',
        false,
      );
      t.diagnostic(
        `merge to region gone from the fleet page: ${gone - merged} ms`,
      );
    });
  });

  describe('remove-region template form', () => {
    it("picks the region from the chosen fleet's regions, the primary not choosable", async () => {
      const page = portal.page();
      await openFormWithDemoFleet(page, 'inferadb-remove-region');
      await page.getByRole('button', { name: /^Region/ }).click();
      const listbox = page.getByRole('listbox');
      await listbox.waitFor();
      const options = await listbox.getByRole('option').allTextContents();
      assert.deepEqual(options, [
        'us-west-1 (Primary): the primary cannot be removed; fail over first',
        'eu-central-1 (Disaster recovery)',
        'ap-southeast-1 (Read replica)',
      ]);
      assert.equal(
        await listbox
          .getByRole('option', { name: /^us-west-1/ })
          .getAttribute('aria-disabled'),
        'true',
      );
      await listbox.getByRole('option', { name: /^ap-southeast-1/ }).click();
      await screenshot(page, 'template-remove-region-picker');
    });
  });

  describe('rotate-auth-key template form', () => {
    it('picks the region, the primary included, and asks neither cluster nor namespace', async () => {
      const page = portal.page();
      await openFormWithDemoFleet(page, 'inferadb-rotate-auth-key');
      assert.deepEqual(await optionsOf(page, /^Region/), [
        'us-west-1 (Primary)',
        'eu-central-1 (Disaster recovery)',
        'ap-southeast-1 (Read replica)',
      ]);
      await choose(page, /^Region/, /^us-west-1/);
      await choose(page, /^Workload/, 'Control');
      // The fleet file says where the region runs.
      assert.equal(await page.locator('#root_cluster').count(), 0);
      assert.equal(await page.locator('#root_namespace').count(), 0);
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Review' }).click();
      await page.getByText('control', { exact: true }).first().waitFor();
      await page.getByText('us-west-1', { exact: true }).first().waitFor();
      // Each row is named after its field, not after the option chosen.
      await page.getByText('Workload', { exact: true }).first().waitFor();
      assert.equal(await page.getByText('Control', { exact: true }).count(), 0);
      await screenshot(page, 'template-rotate-auth-key-review');
    });
  });
}
