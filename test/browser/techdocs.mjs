// The repository's own documentation renders as a TechDocs site in the dev portal.
import { describe, it } from 'node:test';
import { appUrl, screenshot } from './portal.mjs';

export default function techdocsSuite(portal) {
  describe('techdocs', () => {
    it('renders the project documentation for the inferadb-regions system', async () => {
      const page = portal.page();
      await page.goto(`${appUrl}/docs/default/system/inferadb-regions`);
      // The first build runs MkDocs locally and can take a while on a cold portal.
      await page
        .getByRole('heading', {
          name: 'Where the original InferaDB documents are wrong',
        })
        .waitFor({ timeout: 180_000 });
      // The reader keeps the page hidden behind its progress bar until every stylesheet
      // has loaded; a page that never finishes loading is not readable.
      await page
        .getByRole('progressbar')
        .waitFor({ state: 'detached', timeout: 60_000 });
      await screenshot(page, 'techdocs-overview');
    });
  });
}
