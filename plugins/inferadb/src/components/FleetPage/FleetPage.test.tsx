import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeFleet, mockInferadbApi } from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { FleetPage } from './FleetPage';

describe('FleetPage', () => {
  it('shows the only fleet without tabs', async () => {
    const api = mockInferadbApi();
    await renderWithApis(<FleetPage />, { api });
    expect(await screen.findByTestId('fleet-topology')).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'InferaDB' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('tablist', { name: 'Fleets' }),
    ).not.toBeInTheDocument();
  });

  it('says how to configure a fleet when there is none', async () => {
    const api = mockInferadbApi();
    api.listFleets.mockResolvedValue({ fleets: [] });
    await renderWithApis(<FleetPage />, { api });
    expect(
      await screen.findByText('No InferaDB fleet is known to the backend'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/inferadb\.io\/fleet-file: \.\/fleet\.yaml/),
    ).toBeInTheDocument();
  });

  it('switches between fleets with tabs', async () => {
    const api = mockInferadbApi();
    api.listFleets.mockResolvedValue({
      fleets: [
        {
          fleet: 'inferadb-demo',
          storage: 'foundationdb',
          status: 'healthy',
          regions: [],
        },
        {
          fleet: 'ledger-eu',
          storage: 'ledger',
          status: 'degraded',
          regions: [],
        },
      ],
    });
    api.getFleetHealth.mockImplementation(async fleet =>
      makeFleet({
        fleet,
        storage: fleet === 'ledger-eu' ? 'ledger' : 'foundationdb',
      }),
    );
    await renderWithApis(<FleetPage />, { api });
    await screen.findByTestId('fleet-topology');
    expect(api.getFleetHealth).toHaveBeenLastCalledWith('inferadb-demo');
    await userEvent.click(screen.getByRole('tab', { name: /ledger-eu/ }));
    expect(await screen.findByText('Ledger')).toBeInTheDocument();
    expect(api.getFleetHealth).toHaveBeenLastCalledWith('ledger-eu');
  });

  it('opens the fleet named in the URL', async () => {
    const api = mockInferadbApi();
    api.listFleets.mockResolvedValue({
      fleets: [
        {
          fleet: 'inferadb-demo',
          storage: 'foundationdb',
          status: 'healthy',
          regions: [],
        },
        {
          fleet: 'ledger-eu',
          storage: 'ledger',
          status: 'healthy',
          regions: [],
        },
      ],
    });
    await renderWithApis(<FleetPage />, {
      api,
      routeEntries: ['/?fleet=ledger-eu'],
    });
    await screen.findByTestId('fleet-topology');
    expect(api.getFleetHealth).toHaveBeenCalledWith('ledger-eu');
    expect(api.getFleetHealth).not.toHaveBeenCalledWith('inferadb-demo');
  });
});
