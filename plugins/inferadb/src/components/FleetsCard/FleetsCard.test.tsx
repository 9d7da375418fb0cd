import { screen } from '@testing-library/react';
import {
  makeFleet,
  makeUnhealthyFleet,
  mockInferadbApi,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { InferadbFleetsCard } from './FleetsCard';

describe('InferadbFleetsCard', () => {
  it('shows each fleet and its regions with status and role, linking to the fleet page', async () => {
    const api = mockInferadbApi(makeUnhealthyFleet());
    await renderWithApis(<InferadbFleetsCard />, { api });
    const link = await screen.findByRole('link', {
      name: /^inferadb-demo: Critical$/,
    });
    expect(link).toHaveAttribute('href', '/inferadb?fleet=inferadb-demo');
    expect(
      screen.getByText('eu-central-1 (Disaster recovery): Critical'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('us-west-1 (Primary): Healthy'),
    ).toBeInTheDocument();
  });

  it('says when the backend knows no fleet', async () => {
    const api = mockInferadbApi(makeFleet());
    api.listFleets.mockResolvedValue({ fleets: [] });
    await renderWithApis(<InferadbFleetsCard />, { api });
    expect(
      await screen.findByText('No InferaDB fleet is known to the backend'),
    ).toBeInTheDocument();
  });
});
