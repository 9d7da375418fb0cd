import { render, screen, within } from '@testing-library/react';
import { FleetHealth } from '@inferadb-regions/plugin-inferadb-common';
import {
  makeFleet,
  makeRegion,
  makeUnhealthyFleet,
} from '../../__testUtils__/fixtures';
import { FleetTopology } from './FleetTopology';
import { layoutFleet } from './layout';

describe('layoutFleet', () => {
  it('puts primary and DR on top, replicas and satellites below, links from the primary', () => {
    const fleet: FleetHealth = makeFleet();
    fleet.regions.push(
      makeRegion({
        region: 'us-east-2',
        declaredRole: 'satellite',
        role: 'satellite',
      }),
    );
    const layout = layoutFleet(fleet);
    const byRegion = Object.fromEntries(
      layout.nodes.map(n => [n.region.region, n]),
    );
    expect(byRegion['us-west-1'].row).toBe('data');
    expect(byRegion['eu-central-1'].row).toBe('data');
    expect(byRegion['ap-southeast-1'].row).toBe('edge');
    expect(byRegion['us-east-2'].row).toBe('edge');
    expect(byRegion['us-west-1'].x).toBeLessThan(byRegion['eu-central-1'].x);
    expect(byRegion['ap-southeast-1'].y).toBeGreaterThan(
      byRegion['us-west-1'].y,
    );
    expect(
      layout.links.map(l => `${l.from.region.region}->${l.to.region.region}`),
    ).toEqual([
      'us-west-1->eu-central-1',
      'us-west-1->ap-southeast-1',
      'us-west-1->us-east-2',
    ]);
  });

  it('follows the deployed primary when it differs from the declared one', () => {
    const layout = layoutFleet(makeFleet({ deployedPrimary: 'eu-central-1' }));
    expect(layout.nodes.find(n => n.isPrimary)?.region.region).toBe(
      'eu-central-1',
    );
    expect(
      layout.links.every(l => l.from.region.region === 'eu-central-1'),
    ).toBe(true);
  });
});

describe('FleetTopology', () => {
  it('labels every region with role and status in words, and links with lag', () => {
    render(<FleetTopology fleet={makeUnhealthyFleet()} />);
    const eu = screen.getByRole('button', { name: /^eu-central-1/ });
    expect(eu).toHaveAccessibleName(
      'eu-central-1, Disaster recovery, Critical: Storage unavailable',
    );
    expect(eu).toHaveAttribute('data-status', 'critical');
    expect(
      within(eu).getByText('Disaster recovery · Critical'),
    ).toBeInTheDocument();
    expect(screen.getByText('lag 2.5 s')).toBeInTheDocument();
    expect(screen.getByText('lag —')).toBeInTheDocument();
    expect(
      screen.getByText(/Tailscale mesh: 9\/9 devices connected/),
    ).toBeInTheDocument();
  });

  it('shows an incomplete mesh', () => {
    const fleet = makeFleet();
    fleet.regions[2] = {
      ...fleet.regions[2],
      mesh: { devices: 3, connected: 1 },
    };
    render(<FleetTopology fleet={fleet} />);
    expect(screen.getByText('Mesh 1/3 connected')).toBeInTheDocument();
    expect(
      screen.getByText(/Tailscale mesh: 7\/9 devices connected/),
    ).toBeInTheDocument();
  });
});

describe('FleetTopology without Tailscale monitoring', () => {
  it('says the mesh is not monitored rather than down', () => {
    const fleet = makeFleet();
    fleet.regions = fleet.regions.map(r => ({ ...r, mesh: undefined }));
    const { container } = render(<FleetTopology fleet={fleet} />);
    expect(screen.getAllByText('Mesh: not monitored')).toHaveLength(3);
    expect(
      screen.getByText(/^Tailscale mesh: not monitored/),
    ).toBeInTheDocument();
    expect(container.querySelector('line[stroke-dasharray]')).toBeNull();
  });
});
