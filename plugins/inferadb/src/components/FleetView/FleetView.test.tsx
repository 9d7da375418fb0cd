import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import {
  makeFleet,
  makeUnhealthyFleet,
  mockInferadbApi,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { FleetView } from './FleetView';

async function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: message,
        headers: { 'Content-Type': 'application/json' },
      },
    ) as any,
  );
}

// A test on a fake clock never leaves it to the next.
afterEach(() => jest.useRealTimers());

describe('FleetView', () => {
  it('shows progress while the first read is pending', async () => {
    const api = mockInferadbApi();
    api.getFleetHealth.mockReturnValue(new Promise(() => {}));
    await renderWithApis(<FleetView fleet="inferadb-demo" />, { api });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows three regions in the topology and the table', async () => {
    const api = mockInferadbApi();
    await renderWithApis(<FleetView fleet="inferadb-demo" />, { api });
    const topology = await screen.findByTestId('fleet-topology');
    const nodes = within(topology).getAllByRole('button');
    expect(nodes.map(n => n.getAttribute('data-region'))).toEqual([
      'us-west-1',
      'eu-central-1',
      'ap-southeast-1',
    ]);
    expect(nodes[0]).toHaveAccessibleName(expect.stringContaining('(primary)'));
    expect(within(topology).getByText('lag 1.2 s')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Regions' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(screen.queryByTestId('partial-data')).not.toBeInTheDocument();
  });

  it('says when taking over would lose data: no satellite', async () => {
    const fleet = makeFleet();
    const dr = fleet.regions.find(r => r.region === 'eu-central-1')!;
    dr.failover = {
      ...dr.failover,
      caveats: [
        'the fleet has no satellite data center, so if the primary is lost the DR region can take over only with force_recovery_with_data_loss: add a region with role satellite',
      ],
    };
    await renderWithApis(<FleetView fleet="inferadb-demo" />, {
      api: mockInferadbApi(fleet),
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Open details of region eu-central-1',
      }),
    );
    const drawer = await screen.findByRole('dialog', {
      name: 'Region eu-central-1',
    });
    expect(within(drawer).getByTestId('failover-caveat')).toHaveTextContent(
      'Caveat: the fleet has no satellite data center',
    );
  });

  it('opens the drawer from the table and keeps it open across polls', async () => {
    const api = mockInferadbApi();
    let current = makeFleet();
    api.getFleetHealth.mockImplementation(async () => current);
    await renderWithApis(
      <FleetView fleet="inferadb-demo" pollIntervalMs={200} />,
      { api },
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Open details of region eu-central-1',
      }),
    );
    const drawer = await screen.findByRole('dialog', {
      name: 'Region eu-central-1',
    });
    expect(
      within(drawer).getByText('Ready to take over as primary'),
    ).toBeInTheDocument();
    expect(
      await within(drawer).findByTestId('lag-history-chart'),
    ).toBeInTheDocument();

    // The region turns critical on a later poll: the drawer follows, still open.
    current = makeUnhealthyFleet();
    await waitFor(
      () =>
        expect(
          within(drawer).getByText('Not ready to take over'),
        ).toBeInTheDocument(),
      { timeout: 10_000 },
    );
    expect(screen.getByRole('dialog', { name: 'Region eu-central-1' })).toBe(
      drawer,
    );
    // Screen readers hear the change (the page behind the modal drawer is aria-hidden).
    expect(screen.getByRole('status', { hidden: true })).toHaveTextContent(
      'eu-central-1 is now Critical',
    );
    expect(
      within(drawer).getByText('Storage is unavailable in eu-central-1'),
    ).toBeInTheDocument();
    expect(
      within(drawer).getByText(/Source prometheus failed \(timed out\)/),
    ).toBeInTheDocument();

    await userEvent.click(
      within(drawer).getByRole('button', { name: 'Close region details' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('opens the region named in the URL', async () => {
    const api = mockInferadbApi();
    await renderWithApis(<FleetView fleet="inferadb-demo" />, {
      api,
      routeEntries: ['/?region=ap-southeast-1'],
    });
    expect(
      await screen.findByRole('dialog', { name: 'Region ap-southeast-1' }),
    ).toBeInTheDocument();
  });

  it('opens the drawer from the topology with the keyboard', async () => {
    const api = mockInferadbApi();
    await renderWithApis(<FleetView fleet="inferadb-demo" />, { api });
    const node = (await screen.findByTestId('fleet-topology')).querySelector(
      '[data-region="ap-southeast-1"]',
    ) as HTMLElement;
    node.focus();
    await userEvent.keyboard('{Enter}');
    expect(
      await screen.findByRole('dialog', { name: 'Region ap-southeast-1' }),
    ).toBeInTheDocument();
  });

  it('says which sources failed when data is partial', async () => {
    const api = mockInferadbApi(makeUnhealthyFleet());
    await renderWithApis(<FleetView fleet="inferadb-demo" />, { api });
    const banner = await screen.findByTestId('partial-data');
    expect(banner).toHaveTextContent(
      'Partial data: eu-central-1 (prometheus) could not be read',
    );
    // A timeout points at the server and the network, not at credentials.
    expect(banner).toHaveTextContent(
      "eu-central-1: check that the region's Prometheus is up and that the backend can reach it.",
    );
  });

  it('shows fleet-wide issues', async () => {
    const api = mockInferadbApi(
      makeFleet({
        issues: [
          'Deployed priorities make eu-central-1 primary, not us-west-1',
        ],
      }),
    );
    await renderWithApis(<FleetView fleet="inferadb-demo" />, { api });
    expect(
      await screen.findByText(
        'Deployed priorities make eu-central-1 primary, not us-west-1',
      ),
    ).toBeInTheDocument();
  });

  it('explains an unknown fleet', async () => {
    const api = mockInferadbApi();
    api.getFleetHealth.mockRejectedValue(
      await responseError(404, 'no fleet nope'),
    );
    await renderWithApis(<FleetView fleet="nope" />, { api });
    expect(
      await screen.findByText('The backend has no fleet "nope"'),
    ).toBeInTheDocument();
    // The backend's reason is shown, and no step says to edit app-config.
    expect(screen.getByText(/no fleet nope/)).toBeInTheDocument();
    expect(
      screen.getByText(/inferadb\.io\/fleet-file: \.\/fleet\.yaml/),
    ).toBeInTheDocument();
  });

  it('shows a fleet file that cannot be used, with its URL and line', async () => {
    const fleet = {
      ...makeFleet(),
      fleetFile: {
        url: 'https://github.com/acme/deploy/blob/main/fleet.yaml',
        error: {
          message:
            'spec.regions[1].role: role must be one of primary, dr, satellite, replica',
          field: 'spec.regions[1].role',
          line: 13,
        },
      },
    };
    await renderWithApis(<FleetView fleet="inferadb-demo" />, {
      api: mockInferadbApi(fleet),
    });
    expect(await screen.findByTestId('fleet-file-error')).toHaveTextContent(
      'The fleet file https://github.com/acme/deploy/blob/main/fleet.yaml (line 13) cannot be used: spec.regions[1].role: role must be one of primary, dr, satellite, replica. Health follows the last good version',
    );
  });

  it('explains a missing read permission', async () => {
    const api = mockInferadbApi();
    api.getFleetHealth.mockRejectedValue(
      await responseError(403, 'missing permission'),
    );
    await renderWithApis(<FleetView fleet="inferadb-demo" />, { api });
    expect(
      await screen.findByText('You may not read fleet health'),
    ).toBeInTheDocument();
  });

  it('offers a retry when the backend fails, and recovers', async () => {
    const api = mockInferadbApi();
    api.getFleetHealth.mockRejectedValueOnce(await responseError(500, 'boom'));
    await renderWithApis(<FleetView fleet="inferadb-demo" />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Try again' }),
    );
    expect(await screen.findByTestId('fleet-topology')).toBeInTheDocument();
  });

  it('keeps the last snapshot and warns when a later poll fails', async () => {
    const api = mockInferadbApi();
    await renderWithApis(
      <FleetView fleet="inferadb-demo" pollIntervalMs={200} />,
      { api },
    );
    await screen.findByTestId('fleet-topology');
    api.getFleetHealth.mockRejectedValue(new Error('network down'));
    expect(
      await screen.findByText(
        /could not be reached on the last poll \(network down\)/,
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('fleet-topology')).toBeInTheDocument();
  });

  it('waits for the first collection', async () => {
    const api = mockInferadbApi(
      makeFleet({ regions: [], collectedAt: undefined }),
    );
    await renderWithApis(<FleetView fleet="inferadb-demo" />, { api });
    expect(
      await screen.findByText(/Waiting for the first collection/),
    ).toBeInTheDocument();
  });

  it('offers refresh only to users with the refresh permission', async () => {
    const api = mockInferadbApi();
    api.refreshFleet.mockResolvedValue(makeUnhealthyFleet());
    await renderWithApis(<FleetView fleet="inferadb-demo" />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Refresh now' }),
    );
    expect(api.refreshFleet).toHaveBeenCalledWith('inferadb-demo');
    expect(await screen.findByTestId('partial-data')).toBeInTheDocument();
    expect(screen.getByText(/Last updated/)).toBeInTheDocument();
  });

  it('stops polling while the tab is hidden and polls again when shown', async () => {
    // A fake clock from the start, so every poll timer is one the test controls.
    jest.useFakeTimers();
    const api = mockInferadbApi();
    let state: DocumentVisibilityState = 'visible';
    jest
      .spyOn(document, 'visibilityState', 'get')
      .mockImplementation(() => state);
    await renderWithApis(
      <FleetView fleet="inferadb-demo" pollIntervalMs={30} />,
      { api },
    );
    await screen.findByTestId('fleet-topology');
    act(() => {
      state = 'hidden';
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const calls = api.getFleetHealth.mock.calls.length;
    // Five polling intervals pass: no poll while hidden.
    await act(async () => {
      await jest.advanceTimersByTimeAsync(150);
    });
    expect(api.getFleetHealth.mock.calls.length).toBe(calls);
    act(() => {
      state = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitFor(
      () => expect(api.getFleetHealth.mock.calls.length).toBeGreaterThan(calls),
      { timeout: 10_000 },
    );
  });
});

describe('FleetView failover', () => {
  const failoverCell = (region: string) => {
    const table = screen.getByRole('table', { name: 'Regions' });
    const row = table.querySelector(`tr[data-region="${region}"]`)!;
    const header = within(table).getAllByRole('columnheader');
    const at = header.findIndex(h => h.textContent === 'Failover');
    return row.querySelectorAll('th, td')[at] as HTMLElement;
  };

  it('shows each DR region’s readiness in a column, and no banner while it is ready', async () => {
    const api = mockInferadbApi(makeFleet());
    await renderWithApis(<FleetView fleet="inferadb-demo" />, { api });
    await screen.findByRole('table', { name: 'Regions' });
    expect(failoverCell('eu-central-1')).toHaveTextContent('Ready');
    expect(failoverCell('us-west-1')).toHaveTextContent('—');
    expect(screen.queryByTestId('failover-banner')).not.toBeInTheDocument();
  });

  it('says which DR region could not take over, and why', async () => {
    const api = mockInferadbApi(makeUnhealthyFleet());
    await renderWithApis(<FleetView fleet="inferadb-demo" />, { api });
    await screen.findByRole('table', { name: 'Regions' });
    expect(failoverCell('eu-central-1')).toHaveTextContent('Not ready');
    expect(await screen.findByTestId('failover-banner')).toHaveTextContent(
      'If the primary failed now, eu-central-1 could not take over: Storage is unavailable in eu-central-1.',
    );
  });

  it('says who can take over when the primary is down', async () => {
    const fleet = makeFleet();
    fleet.regions.find(r => r.region === 'us-west-1')!.status = 'critical';
    const api = mockInferadbApi(fleet);
    await renderWithApis(<FleetView fleet="inferadb-demo" />, { api });
    expect(await screen.findByTestId('failover-banner')).toHaveTextContent(
      'The primary us-west-1 is critical. eu-central-1 can take over: see the failover runbook.',
    );
  });

  it('says a primary that cannot be read may be down', async () => {
    const fleet = makeFleet();
    fleet.regions.find(r => r.region === 'us-west-1')!.status = 'unknown';
    const api = mockInferadbApi(fleet);
    await renderWithApis(<FleetView fleet="inferadb-demo" />, { api });
    expect(await screen.findByTestId('failover-banner')).toHaveTextContent(
      'The primary us-west-1 cannot be read: it may be down. eu-central-1 can take over',
    );
  });
});
