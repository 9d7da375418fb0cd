// The catalog shows the demo fleet: the inferadb-demo system and its three regions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appUrl, screenshot } from './portal.mjs';

export default function catalogSuite(portal) {
  describe('catalog', () => {
    it('lists the inferadb-demo system', async () => {
      const page = portal.page();
      await page.goto(`${appUrl}/catalog?filters[kind]=system`);
      const link = page.getByRole('link', { name: 'InferaDB demo fleet' });
      await link.waitFor({ timeout: 60_000 });
      await screenshot(page, 'catalog-systems');
    });

    it('shows the three region resources of the demo fleet', async () => {
      const page = portal.page();
      await page.goto(`${appUrl}/catalog/default/system/inferadb-demo`);
      await page.getByText('InferaDB demo fleet').first().waitFor();
      for (const region of ['us-west-1', 'eu-central-1', 'ap-southeast-1']) {
        await page
          .getByRole('link', { name: region, exact: true })
          .first()
          .waitFor({ timeout: 60_000 });
      }
      const links = await page
        .getByRole('link', {
          name: /^(us-west-1|eu-central-1|ap-southeast-1)$/,
        })
        .allTextContents();
      assert.deepEqual([...new Set(links)].sort(), [
        'ap-southeast-1',
        'eu-central-1',
        'us-west-1',
      ]);
      await screenshot(page, 'catalog-demo-system');
    });
  });
}
