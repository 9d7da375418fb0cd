import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockInferadbApi } from '../../__testUtils__/fixtures';
import {
  fleetSystem,
  plainSystem,
  regionResource,
} from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { EntityFleetContent } from './EntityFleetContent';

describe('EntityFleetContent', () => {
  it('shows the fleet named by the annotation, with catalog links in the drawer', async () => {
    const api = mockInferadbApi();
    await renderWithApis(<EntityFleetContent />, {
      api,
      entity: fleetSystem,
      catalogEntities: [fleetSystem, regionResource],
    });
    expect(await screen.findByTestId('fleet-topology')).toBeInTheDocument();
    expect(api.getFleetHealth).toHaveBeenCalledWith('inferadb-demo');
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Open details of region eu-central-1',
      }),
    );
    const drawer = await screen.findByRole('dialog', {
      name: 'Region eu-central-1',
    });
    expect(
      // Backstage's Link says, to screen readers, that it opens a new window.
      await within(drawer).findByRole('link', {
        name: /^Grafana: eu-central-1/,
      }),
    ).toHaveAttribute(
      'href',
      'https://grafana.example/d/inferadb?var-region=eu-central-1',
    );
  });

  it('says which annotation is missing', async () => {
    const api = mockInferadbApi();
    await renderWithApis(<EntityFleetContent />, { api, entity: plainSystem });
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(screen.getAllByText(/inferadb\.io\/fleet/).length).toBeGreaterThan(
      0,
    );
    expect(api.getFleetHealth).not.toHaveBeenCalled();
  });
});
