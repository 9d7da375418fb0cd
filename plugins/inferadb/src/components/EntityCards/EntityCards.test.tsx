import { screen, within } from '@testing-library/react';
import {
  makeUnhealthyFleet,
  mockInferadbApi,
} from '../../__testUtils__/fixtures';
import {
  fleetSystem,
  plainSystem,
  regionResource,
} from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { EntityFleetSummaryCard } from './EntityFleetSummaryCard';
import { EntityRegionCard } from './EntityRegionCard';

/** The demo region Resource with its annotations replaced. */
function regionWithAnnotations(annotations: Record<string, string>) {
  return {
    ...regionResource,
    metadata: { ...regionResource.metadata, annotations },
  };
}

describe('EntityRegionCard', () => {
  it('shows the region status, failing checks, failover blockers and partial data', async () => {
    const api = mockInferadbApi(makeUnhealthyFleet());
    await renderWithApis(<EntityRegionCard />, { api, entity: regionResource });
    expect(await screen.findByText('Storage unavailable')).toBeInTheDocument();
    expect(api.getRegionHealth).toHaveBeenCalledWith(
      'inferadb-demo',
      'eu-central-1',
    );
    expect(screen.getByText('Critical')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Failover: not ready (Storage is unavailable in eu-central-1)',
      ),
    ).toBeInTheDocument();
    const failing = screen.getByRole('list', { name: 'Failing checks' });
    expect(
      within(failing).getByText(
        'FoundationDB reports the database unavailable',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Partial data: prometheus: timed out after 5000 ms/),
    ).toBeInTheDocument();
  });

  it('names the missing annotations', async () => {
    const api = mockInferadbApi();
    await renderWithApis(<EntityRegionCard />, { api, entity: plainSystem });
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(screen.getAllByText(/inferadb\.io\/region/).length).toBeGreaterThan(
      0,
    );
    expect(api.getRegionHealth).not.toHaveBeenCalled();
  });

  it('says what is wrong with a malformed region entity, without calling the backend', async () => {
    const api = mockInferadbApi();
    await renderWithApis(<EntityRegionCard />, {
      api,
      entity: regionWithAnnotations({ 'inferadb.io/region': 'eu-central-1' }),
    });
    expect(
      await screen.findByText(
        "Resource 'default/inferadb-demo-eu-central-1' has no inferadb.io/role annotation: set it to one of primary, dr, satellite, replica",
      ),
    ).toBeInTheDocument();
    expect(api.getRegionHealth).not.toHaveBeenCalled();
  });

  const mars = regionWithAnnotations({
    'inferadb.io/fleet': 'inferadb-demo',
    'inferadb.io/region': 'mars-1',
    'inferadb.io/role': 'replica',
  });

  it('says when a region is not in its fleet file', async () => {
    const api = mockInferadbApi();
    await renderWithApis(<EntityRegionCard />, { api, entity: mars });
    expect(
      await screen.findByText(
        'Region "mars-1" is not in fleet "inferadb-demo"',
      ),
    ).toBeInTheDocument();
  });

  it('says when the fleet itself is unknown', async () => {
    const api = mockInferadbApi();
    api.getFleetHealth.mockRejectedValue(
      Object.assign(new Error('not found'), { response: { status: 404 } }),
    );
    await renderWithApis(<EntityRegionCard />, { api, entity: mars });
    expect(
      await screen.findByText('The backend has no fleet "inferadb-demo"'),
    ).toBeInTheDocument();
  });

  it('says when a region is in the fleet but not collected yet', async () => {
    const api = mockInferadbApi();
    api.getRegionHealth.mockResolvedValue({
      fleet: 'inferadb-demo',
      region: 'mars-1',
      collected: false,
      retryAfterSeconds: 13,
      message: 'not collected yet',
    });
    await renderWithApis(<EntityRegionCard />, { api, entity: mars });
    expect(await screen.findByTestId('region-pending')).toHaveTextContent(
      'Region mars-1 is in the fleet but has not been collected yet: the backend collects it within 13 s',
    );
  });
});

describe('EntityFleetSummaryCard', () => {
  it('lists every region with role, status and lag, primary starred', async () => {
    const api = mockInferadbApi(makeUnhealthyFleet());
    await renderWithApis(<EntityFleetSummaryCard />, {
      api,
      entity: fleetSystem,
    });
    const table = await screen.findByRole('table', {
      name: 'Regions of inferadb-demo',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.getAttribute('data-region'))).toEqual([
      'us-west-1',
      'eu-central-1',
      'ap-southeast-1',
    ]);
    expect(within(rows[0]).getByText('us-west-1 ★')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Critical')).toBeInTheDocument();
    expect(within(rows[2]).getByText('2.5 s')).toBeInTheDocument();
    expect(
      screen.getByText(/Partial data for eu-central-1/),
    ).toBeInTheDocument();
  });
});
