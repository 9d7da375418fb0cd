import {
  FleetHealth,
  RegionHealth,
} from '@inferadb-regions/plugin-inferadb-common';
import { isDataRegion } from '../format';

export const NODE_WIDTH = 184;
export const NODE_HEIGHT = 92;
const GAP_X = 104;
const ROW_GAP = 84;
const MARGIN = 24;

export interface PlacedRegion {
  region: RegionHealth;
  x: number;
  y: number;
  /** Replicas and satellites sit in their own row, below the data-holding regions. */
  row: 'data' | 'edge';
  isPrimary: boolean;
}

export interface TopologyLink {
  from: PlacedRegion;
  to: PlacedRegion;
  /** Lag of the receiving region, `null` when unknown. */
  lagSeconds: number | null;
}

export interface TopologyLayout {
  width: number;
  height: number;
  nodes: PlacedRegion[];
  links: TopologyLink[];
}

function effectiveRole(r: RegionHealth) {
  return r.role === 'unknown' ? r.declaredRole : r.role;
}

/** Where the primary is: the deployed one when known, else the declared one. */
export function primaryOf(fleet: FleetHealth): string | undefined {
  return (
    fleet.deployedPrimary ??
    fleet.declaredPrimary ??
    fleet.regions.find(r => effectiveRole(r) === 'primary')?.region
  );
}

/**
 * Lays regions out in two rows: the primary and its DR peers on top, read replicas and
 * satellites underneath, with a replication link from the primary to every other region.
 */
export function layoutFleet(fleet: FleetHealth): TopologyLayout {
  const primary = primaryOf(fleet);
  const order = (r: RegionHealth) => (r.region === primary ? 0 : 1);
  const data = fleet.regions
    .filter(r => r.region === primary || isDataRegion(effectiveRole(r)))
    .sort((a, b) => order(a) - order(b) || a.region.localeCompare(b.region));
  const edge = fleet.regions
    .filter(r => !data.includes(r))
    .sort((a, b) => a.region.localeCompare(b.region));

  const columns = Math.max(data.length, edge.length, 1);
  const width = MARGIN * 2 + columns * NODE_WIDTH + (columns - 1) * GAP_X;
  const rowX = (count: number, i: number) => {
    const rowWidth = count * NODE_WIDTH + (count - 1) * GAP_X;
    return (width - rowWidth) / 2 + i * (NODE_WIDTH + GAP_X);
  };
  const place = (rows: RegionHealth[], row: 'data' | 'edge', y: number) =>
    rows.map((region, i) => ({
      region,
      row,
      x: rowX(rows.length, i),
      y,
      isPrimary: region.region === primary,
    }));
  const dataY = MARGIN;
  const edgeY = data.length ? MARGIN + NODE_HEIGHT + ROW_GAP : MARGIN;
  const nodes = [...place(data, 'data', dataY), ...place(edge, 'edge', edgeY)];
  const height =
    (edge.length && data.length ? edgeY : dataY) + NODE_HEIGHT + MARGIN;

  const source = nodes.find(n => n.isPrimary);
  const links = source
    ? nodes
        .filter(n => n !== source)
        .map(to => ({
          from: source,
          to,
          lagSeconds: to.region.replicationLagSeconds,
        }))
    : [];
  return { width, height, nodes, links };
}
