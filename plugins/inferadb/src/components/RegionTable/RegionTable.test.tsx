import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeFleet,
  makeRegion,
  makeUnhealthyFleet,
} from '../../__testUtils__/fixtures';
import { RegionTable } from './RegionTable';

function regionOrder() {
  return within(screen.getByRole('table', { name: 'Regions' }))
    .getAllByRole('row')
    .slice(1)
    .map(row => row.getAttribute('data-region'));
}

describe('RegionTable', () => {
  it('puts the worst region first and sorts by any column', async () => {
    render(<RegionTable regions={makeUnhealthyFleet().regions} />);
    expect(regionOrder()[0]).toBe('eu-central-1');

    await userEvent.click(screen.getByRole('button', { name: 'Region' }));
    expect(regionOrder()).toEqual([
      'ap-southeast-1',
      'eu-central-1',
      'us-west-1',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Region' }));
    expect(regionOrder()).toEqual([
      'us-west-1',
      'eu-central-1',
      'ap-southeast-1',
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Lag / target' }));
    expect(regionOrder()[0]).toBe('ap-southeast-1');
  });

  it('shows checks as words, targets beside actuals, key expiry and maintenance', async () => {
    render(<RegionTable regions={makeFleet().regions} />);
    const row = screen
      .getAllByRole('row')
      .find(r => r.getAttribute('data-region') === 'ap-southeast-1')!;
    expect(within(row).getAllByText('Healthy').length).toBeGreaterThanOrEqual(
      5,
    );
    expect(within(row).getByText('2.5 s')).toBeInTheDocument();
    expect(
      within(row).getByText('/ 5 s', { exact: false }),
    ).toBeInTheDocument();
    expect(within(row).getByText('21 ms')).toBeInTheDocument();
    expect(within(row).getByText('71 days')).toBeInTheDocument();
    expect(within(row).getByText('Sun 02:00-04:00 UTC')).toBeInTheDocument();
    // Uptime is observed by the collections; the tooltip says over which window.
    await userEvent.hover(within(row).getByText('99.99 %'));
    expect(
      await screen.findByRole('tooltip', {}, { timeout: 10_000 }),
    ).toHaveTextContent(
      /collections since .* in which the region was not critical/,
    );
  });

  it('flags a deployed role that contradicts configuration', () => {
    render(
      <RegionTable
        regions={[
          makeRegion({
            region: 'eu-central-1',
            declaredRole: 'dr',
            role: 'primary',
          }),
        ]}
      />,
    );
    expect(
      screen.getByText('Disaster recovery (deployed: Primary)'),
    ).toBeInTheDocument();
  });

  it('reports the chosen region', async () => {
    const onSelect = jest.fn();
    render(
      <RegionTable regions={makeFleet().regions} onSelectRegion={onSelect} />,
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Open details of region us-west-1' }),
    );
    expect(onSelect).toHaveBeenCalledWith('us-west-1');
  });
});
