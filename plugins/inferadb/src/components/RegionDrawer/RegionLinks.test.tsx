import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { RegionLinks } from './RegionLinks';

const ORIGIN = 'backstage.io/managed-by-origin-location';
const DEPLOY = 'url:https://github.com/acme/deploy/blob/main/catalog-info.yaml';

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'inferadb-demo',
    annotations: { 'inferadb.io/fleet': 'inferadb-demo', [ORIGIN]: DEPLOY },
  },
  spec: { owner: 'group:default/platform' },
};

function region(
  name: string,
  origin: string,
  links: Array<{ url: string; title: string }>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      annotations: {
        'inferadb.io/fleet': 'inferadb-demo',
        'inferadb.io/region': 'us-west-1',
        'inferadb.io/role': 'primary',
        [ORIGIN]: origin,
      },
      links,
    },
    spec: {
      type: 'inferadb-region',
      owner: 'group:default/platform',
      system: 'inferadb-demo',
    },
  };
}

describe('RegionLinks', () => {
  it('links only http(s) and relative URLs of entities that belong to the fleet', async () => {
    const entities = [
      system,
      region('inferadb-demo-us-west-1', DEPLOY, [
        { url: 'https://grafana.example/d/us-west-1', title: 'Dashboard' },
        { url: '/docs/default/system/inferadb-demo', title: 'Runbook' },
        // eslint-disable-next-line no-script-url
        { url: 'javascript:alert(document.cookie)', title: 'Script' },
        // eslint-disable-next-line no-script-url
        { url: 'JaVaScRiPt:alert(1)', title: 'Mixed case' },
        { url: 'data:text/html,<script>alert(1)</script>', title: 'Data' },
      ]),
      // Registered from another repository: carries the annotations, adds nothing.
      region(
        'someone-elses-us-west-1',
        'url:https://github.com/someone/else/blob/main/x.yaml',
        [{ url: 'https://phish.example/login', title: 'Phish' }],
      ),
    ];
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalogApiMock({ entities })]]}>
        <RegionLinks fleet="inferadb-demo" region="us-west-1" />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByText('Dashboard')).toBeInTheDocument();
    const hrefs = screen
      .getAllByRole('link')
      .map(a => a.getAttribute('href') ?? '');
    expect(hrefs).toContain('https://grafana.example/d/us-west-1');
    expect(hrefs).toContain('/docs/default/system/inferadb-demo');
    for (const href of hrefs) {
      expect(href.toLowerCase()).not.toMatch(/^(javascript|data):/);
      expect(href).not.toContain('phish.example');
    }
    for (const hidden of ['Script', 'Mixed case', 'Data', 'Phish'])
      expect(screen.queryByText(hidden)).toBeNull();
    expect(screen.queryByText('someone-elses-us-west-1')).toBeNull();
  });
});
