import { KeyboardEvent } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import {
  FleetHealth,
  CheckStatus,
  RegionHealth,
} from '@inferadb-regions/plugin-inferadb-common';
import { STATUS_LABELS, statusColor } from '../HealthStatus';
import { formatLag, ROLE_LABELS } from '../format';
import {
  layoutFleet,
  NODE_HEIGHT,
  NODE_WIDTH,
  PlacedRegion,
  TopologyLink,
} from './layout';

// Shapes differ per status so the picture reads without colour.
const STATUS_GLYPHS: Record<CheckStatus, string> = {
  healthy: '✓',
  degraded: '!',
  critical: '✕',
  unknown: '?',
  'not-available': '–',
};

const useStyles = makeStyles((theme: Theme) => ({
  svg: { width: '100%', height: 'auto', display: 'block', margin: '0 auto' },
  node: {
    cursor: 'pointer',
    outline: 'none',
    '&:focus-visible $frame, &:hover $frame': {
      strokeWidth: 4,
    },
    '&:focus-visible $focusRing': { visibility: 'visible' },
  },
  frame: {},
  focusRing: {
    visibility: 'hidden',
    fill: 'none',
    stroke: theme.palette.primary.main,
    strokeWidth: 2,
    strokeDasharray: '4 3',
  },
  text: {
    fill: theme.palette.text.primary,
    fontFamily: theme.typography.fontFamily,
  },
  subtle: {
    fill: theme.palette.text.secondary,
    fontFamily: theme.typography.fontFamily,
  },
}));

function meshText(region: RegionHealth) {
  if (!region.mesh) return 'Mesh: not monitored';
  return `Mesh ${region.mesh.connected}/${region.mesh.devices} connected`;
}

// Only a measured shortfall counts: a region without Tailscale monitoring is not "down".
function meshDown(region: RegionHealth) {
  return Boolean(region.mesh && region.mesh.connected < region.mesh.devices);
}

function RegionNode(props: {
  node: PlacedRegion;
  selected: boolean;
  onSelect?: (region: string) => void;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const { node, onSelect } = props;
  const { region } = node;
  const color = statusColor(theme, region.status);
  const role = region.role === 'unknown' ? region.declaredRole : region.role;
  const label = `${region.region}, ${ROLE_LABELS[role]}${
    node.isPrimary ? ' (primary)' : ''
  }, ${STATUS_LABELS[region.status]}: ${region.summary}`;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect?.(region.region);
    }
  };
  return (
    <g
      className={classes.node}
      transform={`translate(${node.x}, ${node.y})`}
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-pressed={props.selected}
      data-region={region.region}
      data-status={region.status}
      onClick={() => onSelect?.(region.region)}
      onKeyDown={onKeyDown}
    >
      <title>{label}</title>
      <rect
        className={classes.focusRing}
        x={-5}
        y={-5}
        width={NODE_WIDTH + 10}
        height={NODE_HEIGHT + 10}
        rx={12}
      />
      <rect
        className={classes.frame}
        width={NODE_WIDTH}
        height={NODE_HEIGHT}
        rx={8}
        fill={theme.palette.background.paper}
        stroke={color}
        strokeWidth={props.selected ? 4 : 2}
        // Replicas and satellites hold no primary copy: drawn dashed.
        strokeDasharray={node.row === 'edge' ? '6 4' : undefined}
      />
      <circle cx={20} cy={22} r={11} fill={color} />
      <text
        x={20}
        y={27}
        textAnchor="middle"
        fontSize={14}
        fontWeight="bold"
        fill={theme.palette.background.paper}
        aria-hidden
      >
        {STATUS_GLYPHS[region.status]}
      </text>
      <text
        className={classes.text}
        x={38}
        y={27}
        fontSize={15}
        fontWeight={600}
      >
        {region.region}
      </text>
      <text className={classes.subtle} x={12} y={50} fontSize={12}>
        {node.isPrimary ? '★ ' : ''}
        {ROLE_LABELS[role]} · {STATUS_LABELS[region.status]}
      </text>
      <text
        className={classes.subtle}
        x={12}
        y={72}
        fontSize={12}
        fill={meshDown(region) ? statusColor(theme, 'degraded') : undefined}
      >
        {meshText(region)}
      </text>
    </g>
  );
}

function LinkLine(props: { link: TopologyLink }) {
  const classes = useStyles();
  const theme = useTheme();
  const { from, to, lagSeconds } = props.link;
  const x1 = from.x + NODE_WIDTH / 2;
  const y1 = from.y + NODE_HEIGHT / 2;
  const x2 = to.x + NODE_WIDTH / 2;
  const y2 = to.y + NODE_HEIGHT / 2;
  // Keep the label off the boxes: on the row gap for vertical links, mid-way otherwise.
  const sameRow = from.y === to.y;
  const lx = (x1 + x2) / 2;
  const ly = sameRow ? y1 - 8 : (from.y + NODE_HEIGHT + to.y) / 2;
  const lagCheck =
    to.region.checks.find(
      c => c.component === 'replication' && c.id.includes('lag'),
    ) ?? to.region.checks.find(c => c.component === 'replication');
  const status: CheckStatus = lagCheck?.status ?? 'unknown';
  const broken = meshDown(from.region) || meshDown(to.region);
  const text = `lag ${formatLag(lagSeconds)}`;
  return (
    <g data-link={`${from.region.region}->${to.region.region}`}>
      <title>{`Replication ${from.region.region} → ${to.region.region}: ${text}`}</title>
      <line
        x1={x1}
        y1={y1}
        x2={x2}
        y2={y2}
        stroke={statusColor(theme, status)}
        strokeWidth={2}
        strokeDasharray={broken ? '2 4' : undefined}
      />
      <rect
        x={lx - 44}
        y={ly - 13}
        width={88}
        height={20}
        rx={10}
        fill={theme.palette.background.default}
        stroke={theme.palette.divider}
      />
      <text
        className={classes.text}
        x={lx}
        y={ly + 2}
        fontSize={12}
        textAnchor="middle"
      >
        {text}
      </text>
    </g>
  );
}

/**
 * The fleet as a picture: regions as nodes (status by colour, glyph and word), the
 * primary starred, replicas and satellites dashed on their own row, replication links
 * labelled with the receiving region's lag, and the Tailscale mesh per region.
 */
export function FleetTopology(props: {
  fleet: FleetHealth;
  selectedRegion?: string;
  onSelectRegion?: (region: string) => void;
}) {
  const classes = useStyles();
  const layout = layoutFleet(props.fleet);
  const monitored = props.fleet.regions.filter(r => r.mesh);
  const meshConnected = monitored.reduce(
    (n, r) => n + (r.mesh?.connected ?? 0),
    0,
  );
  const meshDevices = monitored.reduce((n, r) => n + (r.mesh?.devices ?? 0), 0);
  const meshSummary = monitored.length
    ? `Tailscale mesh: ${meshConnected}/${meshDevices} devices connected`
    : 'Tailscale mesh: not monitored';
  const titleId = `inferadb-topology-${props.fleet.fleet}`;
  return (
    <>
      <svg
        className={classes.svg}
        // Natural size at most, so two regions do not blow up to the page's width.
        style={{ maxWidth: layout.width }}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="group"
        aria-labelledby={titleId}
        data-testid="fleet-topology"
      >
        <title id={titleId}>
          {`Topology of fleet ${props.fleet.fleet}: ${layout.nodes.length} regions`}
        </title>
        {layout.links.map(link => (
          <LinkLine
            key={`${link.from.region.region}-${link.to.region.region}`}
            link={link}
          />
        ))}
        {layout.nodes.map(node => (
          <RegionNode
            key={node.region.region}
            node={node}
            selected={node.region.region === props.selectedRegion}
            onSelect={props.onSelectRegion}
          />
        ))}
      </svg>
      <Typography
        variant="caption"
        color="textSecondary"
        component="p"
        align="center"
      >
        {`${meshSummary} · ★ primary · dashed box: read replica or satellite · dotted link: mesh incomplete · glyphs: ✓ healthy, ! degraded, ✕ critical, ? unknown`}
      </Typography>
    </>
  );
}
