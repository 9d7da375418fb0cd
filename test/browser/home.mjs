// The page after sign-in, and the main pages' network log: the home page shows the fleets
// at a glance and links on; no main page gets a 404 or a 500 from the portal.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appUrl, screenshot } from './portal.mjs';

const MAIN_PAGES = [
  '/',
  '/inferadb',
  '/catalog',
  '/catalog/default/system/inferadb-demo',
  '/create',
  '/docs/default/system/inferadb-regions',
];

export default function homeSuite(portal) {
  describe('home', () => {
    it('lands on the home page after sign-in, with the demo fleet at a glance', async () => {
      const page = portal.page();
      await page.goto(appUrl);
      const fleet = page.getByRole('link', {
        name: /^inferadb-demo: (Healthy|Degraded|Unknown|Critical)$/,
      });
      await fleet.waitFor({ timeout: 60_000 });
      for (const [region, role] of [
        ['us-west-1', 'Primary'],
        ['eu-central-1', 'Disaster recovery'],
        ['ap-southeast-1', 'Read replica'],
      ]) {
        await page
          .getByText(new RegExp(`^${region} \\(${role}\\): \\w+`))
          .waitFor();
      }
      await page
        .getByRole('link', { name: 'Add a region' })
        .waitFor({ timeout: 10_000 });
      await page.getByRole('link', { name: 'Getting started' }).waitFor();
      await screenshot(page, 'home');
      await fleet.click();
      await page.waitForURL(/\/inferadb\?fleet=inferadb-demo$/);
    });

    it('main pages get no 404 or 500 from the portal', async () => {
      const page = portal.page();
      const failed = [];
      const record = response => {
        const status = response.status();
        if (status === 404 || status >= 500)
          failed.push(`${status} ${response.url()}`);
      };
      page.on('response', record);
      try {
        for (const path of MAIN_PAGES) {
          await page.goto(`${appUrl}${path}`);
          await page.waitForLoadState('networkidle', { timeout: 60_000 });
        }
      } finally {
        page.off('response', record);
      }
      assert.deepEqual(failed, []);
    });
  });
}
