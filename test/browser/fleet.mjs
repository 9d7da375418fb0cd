// The fleet page, the fleet tab and the entity cards follow the demo fleet's health.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appUrl, screenshot } from './portal.mjs';

// The demo's control endpoint (docs/health.md): inferadb.demo.basePort in app-config.yaml.
const controlUrl =
  process.env.PORTAL_DEMO_CONTROL_URL ?? 'http://127.0.0.1:7100';
const regions = ['us-west-1', 'eu-central-1', 'ap-southeast-1'];

async function control(path, body) {
  const res = await fetch(`${controlUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  assert.equal(res.status, 200, `demo control ${path}: ${await res.text()}`);
}

async function nodeStatus(page, region) {
  return page
    .locator(`[data-testid="fleet-topology"] [data-region="${region}"]`)
    .getAttribute('data-status');
}

export default function fleetSuite(portal) {
  describe('fleet page', () => {
    before(() => control('/reset'));
    // Best effort: the demo lives in the backend, which may be restarting.
    after(() => control('/reset').catch(() => {}));

    it('shows three regions and the topology', async () => {
      const page = portal.page();
      await page.goto(`${appUrl}/inferadb`);
      const topology = page.getByTestId('fleet-topology');
      await topology.waitFor({ timeout: 60_000 });
      const shown = await topology
        .locator('[data-region]')
        .evaluateAll(nodes => nodes.map(n => n.getAttribute('data-region')));
      assert.deepEqual([...shown].sort(), [...regions].sort());
      // The sidebar item the page blueprint contributes.
      await page
        .getByRole('navigation', { name: 'sidebar nav' })
        .getByText('InferaDB', { exact: true })
        .waitFor();
      const table = page.getByRole('table', { name: 'Regions' });
      assert.equal(await table.locator('tbody tr').count(), 3);
      // After the reset no region is critical (some may read unknown until Prometheus has
      // scraped), so the change below is ours.
      await page.waitForFunction(
        () =>
          [
            ...document.querySelectorAll(
              '[data-testid="fleet-topology"] [data-region]',
            ),
          ].every(n => n.getAttribute('data-status') !== 'critical'),
        null,
        { timeout: 90_000 },
      );
      await screenshot(page, 'fleet-page');
    });

    it('opens a region drawer that stays open while the region goes down', async () => {
      const page = portal.page();
      await page
        .getByRole('button', { name: 'Open details of region eu-central-1' })
        .click();
      const drawer = page.getByRole('dialog', { name: 'Region eu-central-1' });
      await drawer.waitFor();
      assert.match(page.url(), /[?&]region=eu-central-1/);
      await drawer
        .getByTestId('lag-history-chart')
        .waitFor({ timeout: 30_000 });
      await screenshot(page, 'region-drawer');

      await control('/regions/eu-central-1/state', { state: 'down' });
      // No reload and no click: the backend collects on its schedule, the page polls.
      await page.waitForFunction(
        () =>
          document
            .querySelector(
              '[data-testid="fleet-topology"] [data-region="eu-central-1"]',
            )
            ?.getAttribute('data-status') === 'critical',
        null,
        { timeout: 120_000 },
      );
      assert.equal(
        await drawer.isVisible(),
        true,
        'the drawer stayed open across polls',
      );
      await drawer.getByText('Critical').first().waitFor();
      await screenshot(page, 'region-drawer-down');

      await drawer
        .getByRole('button', { name: 'Close region details' })
        .click();
      await drawer.waitFor({ state: 'detached' });
      assert.notEqual(await nodeStatus(page, 'us-west-1'), 'critical');
      await screenshot(page, 'fleet-page-region-down');
    });

    it('shows a hung region as unknown, never better than a degraded one, and points at its cluster', async () => {
      const page = portal.page();
      await control('/reset');
      await control('/regions/ap-southeast-1/state', { state: 'degraded' });
      await control('/regions/eu-central-1/state', { state: 'unreachable' });
      await page.waitForFunction(
        () => {
          const status = region =>
            document
              .querySelector(
                `[data-testid="fleet-topology"] [data-region="${region}"]`,
              )
              ?.getAttribute('data-status');
          return (
            status('eu-central-1') === 'unknown' &&
            status('ap-southeast-1') === 'degraded'
          );
        },
        null,
        { timeout: 60_000 },
      );
      assert.equal(
        await page.getByTestId('fleet-status').getAttribute('data-status'),
        'unknown',
      );
      await page
        .getByTestId('partial-data')
        .getByText(
          "eu-central-1: check that the region's Kubernetes API server is up and that the backend can reach it.",
          { exact: false },
        )
        .waitFor();
      await screenshot(page, 'fleet-page-region-hung');
    });

    it('shows every region healthy again within one collection after a reset', async () => {
      const page = portal.page();
      await control('/reset');
      // One collection interval (10 s in app-config.yaml), one page poll (15 s), and slack.
      await page.waitForFunction(
        () => {
          const nodes = document.querySelectorAll(
            '[data-testid="fleet-topology"] [data-region]',
          );
          return (
            nodes.length === 3 &&
            [...nodes].every(n => n.getAttribute('data-status') === 'healthy')
          );
        },
        null,
        { timeout: 35_000 },
      );
    });

    it('fits a phone: at 390 px every region shows its status without sideways scrolling', async () => {
      const page = await portal.context().newPage();
      try {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`${appUrl}/inferadb`);
        const cards = page.locator('ul[aria-label="Regions"] > li');
        await cards.first().waitFor({ timeout: 60_000 });
        assert.equal(await cards.count(), 3);
        for (const card of await cards.all()) {
          const box = await card.boundingBox();
          assert.ok(
            box && box.x >= 0 && box.x + box.width <= 390,
            `a region card lies outside the screen: ${JSON.stringify(box)}`,
          );
          await card
            .getByText(/^(Healthy|Degraded|Critical|Unknown)$/)
            .first()
            .waitFor();
        }
        // The first card is above the fold.
        const first = await cards.first().boundingBox();
        assert.ok(
          first.y + first.height <= 844,
          'the first region is below the fold',
        );
        await screenshot(page, 'fleet-page-phone');
      } finally {
        await page.close();
      }
    });

    it('shows the fleet tab on the inferadb-demo system', async () => {
      const page = portal.page();
      await page.goto(
        `${appUrl}/catalog/default/system/inferadb-demo/inferadb`,
      );
      await page.waitForFunction(
        () =>
          document.querySelectorAll(
            '[data-testid="fleet-topology"] [data-region]',
          ).length === 3,
        null,
        { timeout: 90_000 },
      );
      assert.match(
        page.url(),
        /\/catalog\/default\/system\/inferadb-demo\/inferadb$/,
      );
      await screenshot(page, 'entity-fleet-tab');
    });

    it('follows the dark theme', async () => {
      const page = portal.page();
      // Where Backstage's theme switcher (user settings) keeps the choice.
      await page.evaluate(() => localStorage.setItem('theme', 'dark'));
      try {
        await page.goto(`${appUrl}/inferadb`);
        await page.getByTestId('fleet-topology').waitFor({ timeout: 60_000 });
        const paper = await page
          .getByTestId('fleet-topology')
          .locator('[data-region="us-west-1"] rect')
          .nth(1)
          .getAttribute('fill');
        // The region boxes take the theme's paper colour: dark, not white.
        const [r, g, b] = paper
          .match(/[0-9a-f]{2}/gi)
          .slice(0, 3)
          .map(h => parseInt(h, 16));
        assert.ok(r + g + b < 3 * 96, `box fill ${paper} should be dark`);
        await screenshot(page, 'fleet-page-dark');
      } finally {
        await page.evaluate(() => localStorage.removeItem('theme'));
      }
    });

    it('shows the fleet card on the system and the region card on a region', async () => {
      const page = portal.page();
      await page.goto(`${appUrl}/catalog/default/system/inferadb-demo`);
      const card = page.getByText('InferaDB fleet inferadb-demo');
      // A backend restart in watch mode empties the in-memory catalog for a moment.
      await card.waitFor({ timeout: 60_000 }).catch(async () => {
        await page.reload();
        await card.waitFor({ timeout: 60_000 });
      });
      await page
        .getByRole('table', { name: 'Regions of inferadb-demo' })
        .waitFor({ timeout: 60_000 });
      await screenshot(page, 'entity-fleet-card');

      await page.goto(
        `${appUrl}/catalog/default/resource/inferadb-demo-eu-central-1`,
      );
      await page
        .getByText('InferaDB region eu-central-1')
        .waitFor({ timeout: 60_000 });
      await page
        .getByText(/^Collected /)
        .first()
        .waitFor({ timeout: 60_000 });
      await screenshot(page, 'entity-region-card');
    });
  });
}
