import { ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  compareStatusSeverity,
  FailoverReadiness,
  HealthComponent,
  HealthStatus,
  RegionHealth,
  worstStatus,
} from '@inferadb-regions/plugin-inferadb-common';
import { HealthStatusLabel } from '../HealthStatus';
import {
  checksOf,
  formatAge,
  formatLag,
  formatValue,
  ROLE_LABELS,
} from '../format';

const useStyles = makeStyles((theme: Theme) => ({
  selected: { backgroundColor: theme.palette.action.selected },
  regionButton: {
    textTransform: 'none',
    fontWeight: 600,
    padding: '2px 6px',
    whiteSpace: 'nowrap',
  },
  nowrap: { whiteSpace: 'nowrap' },
}));

/** The worst status among a component's checks; `unknown` when it has none. */
export function componentStatus(
  region: RegionHealth,
  component: HealthComponent,
): HealthStatus {
  const checks = checksOf(region, component);
  return checks.length ? worstStatus(checks.map(c => c.status)) : 'unknown';
}

/** Whether a DR region can take over: ready, not ready, or not known. */
export function failoverLabel(failover: FailoverReadiness) {
  if (failover.ready === null)
    return <HealthStatusLabel status="unknown" text="Not known" />;
  return failover.ready ? (
    <HealthStatusLabel status="healthy" text="Ready" />
  ) : (
    <HealthStatusLabel status="critical" text="Not ready" />
  );
}

interface Column {
  id: string;
  label: string;
  sortValue: (r: RegionHealth) => number | string;
  render: (r: RegionHealth) => ReactNode;
}

const statusRank = (s: HealthStatus) => compareStatusSeverity('healthy', s);

function componentColumn(component: HealthComponent, label: string): Column {
  return {
    id: component,
    label,
    sortValue: r => statusRank(componentStatus(r, component)),
    render: r => {
      const status = componentStatus(r, component);
      const failing = checksOf(r, component).filter(
        c => c.status !== 'healthy',
      );
      const shown = <HealthStatusLabel status={status} />;
      return failing.length ? (
        <Tooltip
          title={failing
            .map(c => `${c.label}: ${c.reason ?? c.status}`)
            .join('; ')}
        >
          <span>{shown}</span>
        </Tooltip>
      ) : (
        shown
      );
    },
  };
}

function ActualVsTarget(props: {
  actual?: number | null;
  target?: number;
  unit: string;
}) {
  return (
    <span>
      {formatValue(props.actual, props.unit)}
      <Typography component="span" variant="caption" color="textSecondary">
        {' '}
        /{' '}
        {props.target === undefined
          ? 'no target'
          : formatValue(props.target, props.unit)}
      </Typography>
    </span>
  );
}

const COLUMNS: Column[] = [
  {
    id: 'status',
    label: 'Status',
    sortValue: r => statusRank(r.status),
    render: r => <HealthStatusLabel status={r.status} />,
  },
  {
    id: 'role',
    label: 'Role',
    sortValue: r => r.declaredRole,
    render: r =>
      r.role !== 'unknown' && r.role !== r.declaredRole ? (
        <Tooltip title="The deployed FoundationDB priorities give this region another role than configuration declares">
          <span>
            {ROLE_LABELS[r.declaredRole]} (deployed: {ROLE_LABELS[r.role]})
          </span>
        </Tooltip>
      ) : (
        ROLE_LABELS[r.declaredRole]
      ),
  },
  {
    id: 'failover',
    label: 'Failover',
    sortValue: r => {
      if (!r.failover?.applicable) return 0;
      return r.failover.ready ? 1 : 2;
    },
    render: r => {
      const failover = r.failover;
      if (!failover?.applicable) {
        return (
          <Typography component="span" variant="body2" color="textSecondary">
            —
          </Typography>
        );
      }
      const label = failoverLabel(failover);
      const why = [
        ...failover.blockers,
        ...(failover.missingInputs ?? []).map(i => `not read: ${i}`),
        ...(failover.caveats ?? []),
      ];
      return why.length ? (
        <Tooltip title={why.join('; ')}>
          <span>{label}</span>
        </Tooltip>
      ) : (
        label
      );
    },
  },
  componentColumn('engine', 'Engine'),
  componentColumn('control', 'Control'),
  componentColumn('storage', 'Storage'),
  componentColumn('mesh', 'Mesh'),
  {
    id: 'lag',
    label: 'Lag / target',
    sortValue: r => r.replicationLagSeconds ?? -1,
    // The primary is what the others lag behind: it has no lag of its own.
    render: r =>
      r.declaredRole === 'primary' ? (
        <Typography component="span" variant="body2" color="textSecondary">
          — (primary)
        </Typography>
      ) : (
        <span>
          {formatLag(r.replicationLagSeconds)}
          <Typography component="span" variant="caption" color="textSecondary">
            {' '}
            /{' '}
            {r.targets.replicationLagSeconds === undefined
              ? 'no target'
              : formatLag(r.targets.replicationLagSeconds)}
          </Typography>
        </span>
      ),
  },
  {
    id: 'latency',
    label: 'p95 / target',
    sortValue: r => r.actuals.p95LatencyMs ?? -1,
    render: r => (
      <ActualVsTarget
        actual={r.actuals.p95LatencyMs}
        target={r.targets.p95LatencyMs}
        unit="ms"
      />
    ),
  },
  {
    id: 'uptime',
    label: 'Uptime / target',
    sortValue: r => r.actuals.uptimePercent ?? -1,
    render: r => {
      const unknown = r.actuals.uptimeUnknownPercent ?? 0;
      const cell = (
        <>
          <ActualVsTarget
            actual={r.actuals.uptimePercent}
            target={r.targets.uptimePercent}
            unit="%"
          />
          {unknown > 0 && (
            <Typography
              variant="caption"
              color="textSecondary"
              display="block"
            >{`${unknown} % unknown`}</Typography>
          )}
        </>
      );
      return r.actuals.uptimeSince ? (
        <Tooltip
          title={`Share of the known collections since ${new Date(
            r.actuals.uptimeSince,
          ).toLocaleString()} in which the region was not critical; ${unknown} % of the collections reached no source`}
        >
          <span>{cell}</span>
        </Tooltip>
      ) : (
        cell
      );
    },
  },
  {
    id: 'keyExpiry',
    label: 'Key expiry',
    sortValue: r => r.mesh?.keyExpiresInDays ?? Number.MAX_SAFE_INTEGER,
    render: r =>
      r.mesh?.keyExpiresInDays === undefined ? (
        '—'
      ) : (
        <Tooltip title={r.mesh.keyExpiresAt ?? ''}>
          <span>{`${Math.floor(r.mesh.keyExpiresInDays)} days`}</span>
        </Tooltip>
      ),
  },
  {
    id: 'maintenance',
    label: 'Maintenance',
    sortValue: r => r.maintenanceWindow?.spec ?? '',
    render: r =>
      r.maintenanceWindow ? (
        <span>
          {r.maintenanceWindow.spec}
          {r.maintenanceWindow.active ? (
            <Typography component="span" variant="caption" color="secondary">
              {' '}
              (in window now)
            </Typography>
          ) : null}
        </span>
      ) : (
        '—'
      ),
  },
  {
    id: 'collectedAt',
    label: 'Collected',
    sortValue: r => r.collectedAt,
    render: r => (
      <Tooltip title={r.collectedAt}>
        <span>{formatAge(r.collectedAt)}</span>
      </Tooltip>
    ),
  },
];

type Order = 'asc' | 'desc';

/**
 * Every region of a fleet with its checks, lag and targets; sortable by any column, worst
 * status first by default. The region name is a button that opens the region drawer.
 */
export function RegionTable(props: {
  regions: RegionHealth[];
  selectedRegion?: string;
  onSelectRegion?: (region: string) => void;
}) {
  const classes = useStyles();
  const [orderBy, setOrderBy] = useState<string>('status');
  const [order, setOrder] = useState<Order>('desc');

  const sorted = useMemo(() => {
    const column =
      orderBy === 'region'
        ? { sortValue: (r: RegionHealth) => r.region }
        : COLUMNS.find(c => c.id === orderBy) ?? COLUMNS[0];
    const dir = order === 'asc' ? 1 : -1;
    return [...props.regions].sort((a, b) => {
      const va = column.sortValue(a);
      const vb = column.sortValue(b);
      const cmp =
        typeof va === 'number' && typeof vb === 'number'
          ? va - vb
          : String(va).localeCompare(String(vb));
      return cmp * dir || a.region.localeCompare(b.region);
    });
  }, [props.regions, orderBy, order]);

  // Says so when the table is wider than its card, so no column is cut off unseen.
  const container = useRef<HTMLDivElement>(null);
  const [overflowing, setOverflowing] = useState(false);
  useEffect(() => {
    const el = container.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() =>
      setOverflowing(el.scrollWidth > el.clientWidth + 1),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const sortBy = (id: string) => {
    if (orderBy === id) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setOrderBy(id);
      setOrder(id === 'region' ? 'asc' : 'desc');
    }
  };

  const header = (id: string, label: string) => (
    <TableCell
      key={id}
      className={classes.nowrap}
      sortDirection={orderBy === id ? order : false}
    >
      <TableSortLabel
        active={orderBy === id}
        direction={orderBy === id ? order : 'asc'}
        onClick={() => sortBy(id)}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );

  return (
    <>
      {overflowing && (
        <Typography
          variant="caption"
          color="textSecondary"
          component="p"
          style={{ padding: '4px 16px' }}
          data-testid="more-columns"
        >
          More columns to the right: scroll the table sideways →
        </Typography>
      )}
      <TableContainer ref={container}>
        <Table size="small" aria-label="Regions">
          <TableHead>
            <TableRow>
              {header('region', 'Region')}
              {COLUMNS.map(c => header(c.id, c.label))}
            </TableRow>
          </TableHead>
          <TableBody>
            {sorted.map(r => (
              <TableRow
                key={r.region}
                hover
                data-region={r.region}
                className={
                  r.region === props.selectedRegion
                    ? classes.selected
                    : undefined
                }
                aria-selected={r.region === props.selectedRegion}
              >
                <TableCell component="th" scope="row">
                  <Button
                    size="small"
                    className={classes.regionButton}
                    color="primary"
                    aria-label={`Open details of region ${r.region}`}
                    aria-haspopup="dialog"
                    onClick={() => props.onSelectRegion?.(r.region)}
                  >
                    {r.region}
                  </Button>
                </TableCell>
                {COLUMNS.map(c => (
                  <TableCell key={c.id}>{c.render(r)}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}
