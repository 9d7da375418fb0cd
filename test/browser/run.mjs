// Browser tests: drive the dev portal in Debian's Chromium. `yarn test:browser`.
// Each suite is a module that registers node:test cases against the shared portal.
import { after, before, describe } from 'node:test';
import { launchBrowser, signInAsGuest, startPortal } from './portal.mjs';
import catalogSuite from './catalog.mjs';
import fleetSuite from './fleet.mjs';
import homeSuite from './home.mjs';
import techdocsSuite from './techdocs.mjs';
import templateSuite from './template.mjs';

// The home suite's network check comes last, once TechDocs has built the docs.
const suites = [
  catalogSuite,
  fleetSuite,
  techdocsSuite,
  templateSuite,
  homeSuite,
];

describe('dev portal in Chromium', { timeout: 900_000 }, () => {
  let stopPortal;
  let browser;
  let page;
  const portal = { page: () => page, context: () => browser.context };

  before(async () => {
    stopPortal = await startPortal();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await signInAsGuest(page);
  });

  after(async () => {
    await browser?.close();
    await stopPortal?.();
  });

  for (const suite of suites) suite(portal);
});
