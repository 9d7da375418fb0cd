import { act, screen, waitFor } from '@testing-library/react';
import { makeFleet, mockInferadbApi } from '../../__testUtils__/fixtures';
import { denyAll, renderWithApis } from '../../__testUtils__/render';
import { FleetView } from './FleetView';

// A file of its own: usePermission caches answers per permission across a test file.
describe('FleetStatusBar for users without the refresh permission', () => {
  it('shows when the fleet was last updated but offers no refresh', async () => {
    const api = mockInferadbApi(makeFleet());
    await renderWithApis(<FleetView fleet="inferadb-demo" />, {
      api,
      canRefresh: false,
    });
    await screen.findByTestId('fleet-topology');
    expect(screen.getByText(/Last updated/)).toBeInTheDocument();
    // Assert the absence only once the policy has answered.
    await waitFor(() => expect(denyAll.authorize).toHaveBeenCalled());
    // Let React apply the policy's answer before looking for the button.
    await act(async () => {
      await denyAll.authorize.mock.results[0].value;
    });
    expect(
      screen.queryByRole('button', { name: 'Refresh now' }),
    ).not.toBeInTheDocument();
    expect(api.refreshFleet).not.toHaveBeenCalled();
  });
});
