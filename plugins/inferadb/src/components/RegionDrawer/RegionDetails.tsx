import { useCallback } from 'react';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import {
  HealthStatus,
  RegionHealth,
  SourceResult,
} from '@inferadb-regions/plugin-inferadb-common';
import { inferadbApiRef } from '../../api';
import { usePolled } from '../../hooks/usePolled';
import { HealthStatusLabel } from '../HealthStatus';
import { LagHistoryChart } from '../LagHistoryChart';
import {
  failedSources,
  formatActualTarget,
  formatValue,
  ROLE_LABELS,
} from '../format';
import { RegionLinks } from './RegionLinks';

function describeSource(s: SourceResult): string {
  if (s.skipped) return 'not configured';
  if (s.ok) return `ok in ${s.durationMs} ms`;
  return `failed: ${s.error ?? 'unknown error'}`;
}

function Section(props: { title: string; children: React.ReactNode }) {
  return (
    <Box component="section" mt={2} aria-label={props.title}>
      <Typography variant="h6" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function FailoverSection({ region }: { region: RegionHealth }) {
  const { failover } = region;
  if (!failover.applicable) {
    return (
      <Typography variant="body2">
        {region.declaredRole === 'primary'
          ? 'This is the primary region.'
          : `A ${ROLE_LABELS[
              region.declaredRole
            ].toLowerCase()} region cannot take over as primary.`}
      </Typography>
    );
  }
  let readiness: { status: HealthStatus; text: string };
  if (failover.ready === null) {
    readiness = {
      status: 'unknown',
      text: `Readiness unknown: could not read ${
        failover.missingInputs?.join(', ') ?? 'the sources needed to decide'
      }`,
    };
  } else if (failover.ready) {
    readiness = { status: 'healthy', text: 'Ready to take over as primary' };
  } else {
    readiness = { status: 'critical', text: 'Not ready to take over' };
  }
  return (
    <>
      <HealthStatusLabel status={readiness.status} text={readiness.text} />
      {(failover.caveats ?? []).map(caveat => (
        <Typography
          key={caveat}
          variant="body2"
          data-testid="failover-caveat"
        >{`Caveat: ${caveat}.`}</Typography>
      ))}
      {failover.blockers.length > 0 && (
        <ul aria-label="Failover blockers">
          {failover.blockers.map(b => (
            <li key={b}>
              <Typography variant="body2">{b}</Typography>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function StorageSection({ region }: { region: RegionHealth }) {
  const fdb = region.foundationdb;
  if (fdb) {
    const facts: Array<[string, string]> = [
      ['Cluster', fdb.clusterName],
      ['Data center', fdb.dataCenter ?? '—'],
      ['Available', formatValue(fdb.available)],
      ['Healthy', formatValue(fdb.healthy)],
      ['Full replication', formatValue(fdb.fullReplication)],
      ['Reconciled', formatValue(fdb.reconciled)],
      ['Usable regions', formatValue(fdb.usableRegions)],
      ['Redundancy', fdb.redundancyMode ?? '—'],
      ['Priority', formatValue(fdb.priority)],
      [
        'Coordinators',
        fdb.coordinators
          ? `${fdb.coordinators.total} (FDB recruits ${
              fdb.coordinators.desired ?? '?'
            }); here ${fdb.coordinators.here}, ${
              fdb.coordinators.unreachableHere
            } down`
          : '—',
      ],
    ];
    return <Facts facts={facts} label="FoundationDB" />;
  }
  if (region.ledger) {
    const l = region.ledger;
    return (
      <Facts
        label="Ledger"
        facts={[
          ['Raft leaders', formatValue(l.leaders)],
          ['Quorum', formatValue(l.quorum)],
          [
            'Voters ready',
            l.voters === undefined ? '—' : `${l.votersReady}/${l.voters}`,
          ],
        ]}
      />
    );
  }
  return (
    <Typography variant="body2" color="textSecondary">
      No storage status was read for this region.
    </Typography>
  );
}

function Facts(props: { facts: Array<[string, string]>; label: string }) {
  return (
    <Table size="small" aria-label={props.label}>
      <TableBody>
        {props.facts.map(([k, v]) => (
          <TableRow key={k}>
            <TableCell component="th" scope="row">
              {k}
            </TableCell>
            <TableCell>{v}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Everything known about one region: the body of the region drawer. */
export function RegionDetails(props: {
  region: RegionHealth;
  pollIntervalMs?: number;
}) {
  const { region } = props;
  const api = useApi(inferadbApiRef);
  const loadHistory = useCallback(
    () => api.getRegionHistory(region.fleet, region.region),
    [api, region.fleet, region.region],
  );
  const history = usePolled(
    loadHistory,
    [region.fleet, region.region],
    props.pollIntervalMs,
  );
  const failed = failedSources(region);

  return (
    <>
      <HealthStatusLabel status={region.status} variant="subtitle2" />
      <Typography variant="body2" gutterBottom>
        {region.summary}
      </Typography>
      {failed.map(s => (
        <Alert key={s.source} severity="warning" style={{ marginTop: 8 }}>
          {`Source ${s.source} failed${s.timedOut ? ' (timed out)' : ''}: ${
            s.error ?? 'no detail'
          }. Checks that need it show as unknown.`}
        </Alert>
      ))}
      {region.priority?.contradictsDeclaredRole && (
        <Alert severity="error" style={{ marginTop: 8 }}>
          {region.priority.reason ??
            'The deployed FoundationDB priorities contradict the role in configuration.'}
        </Alert>
      )}

      <Section title="Failover readiness">
        <FailoverSection region={region} />
      </Section>

      <Section title="Checks">
        <List dense disablePadding aria-label="Checks">
          {region.checks.map(c => (
            <ListItem key={c.id} data-check={c.id} divider disableGutters>
              <ListItemText
                disableTypography
                primary={
                  <Box
                    display="flex"
                    justifyContent="space-between"
                    style={{ gap: 8 }}
                  >
                    <HealthStatusLabel status={c.status} text={c.label} />
                    {c.actual !== undefined || c.target !== undefined ? (
                      <Typography variant="body2" color="textSecondary">
                        {formatActualTarget(c.actual, c.target, c.unit)}
                      </Typography>
                    ) : null}
                  </Box>
                }
                secondary={
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="div"
                  >
                    {[c.reason, c.component, c.source]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography>
                }
              />
            </ListItem>
          ))}
        </List>
      </Section>

      <Section title="Replication lag history">
        {history.value && (
          <LagHistoryChart
            points={history.value.points}
            targetSeconds={region.targets.replicationLagSeconds}
          />
        )}
        {history.error && !history.value && (
          <Alert severity="warning">
            History unavailable: {history.error.message}
          </Alert>
        )}
        {!history.error && !history.value && (
          <Typography variant="body2" color="textSecondary">
            Loading history…
          </Typography>
        )}
      </Section>

      <Section title="Storage">
        <StorageSection region={region} />
      </Section>

      <Section title="Kubernetes workloads">
        {region.workloads.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No workloads were read from Kubernetes.
          </Typography>
        ) : (
          <Table size="small" aria-label="Workloads">
            <TableHead>
              <TableRow>
                <TableCell>Workload</TableCell>
                <TableCell>Ready</TableCell>
                <TableCell>Restarts</TableCell>
                <TableCell>Tailscale sidecars</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {region.workloads.map(w => (
                <TableRow key={`${w.kind}/${w.name}`}>
                  <TableCell component="th" scope="row">
                    {`${w.kind}/${w.name}`}
                  </TableCell>
                  <TableCell>{`${w.ready}/${w.desired}`}</TableCell>
                  <TableCell>{w.restarts}</TableCell>
                  <TableCell>
                    {w.sidecarTotal
                      ? `${w.sidecarReady ?? 0}/${w.sidecarTotal}`
                      : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {region.services.length > 0 && (
          <Box mt={1}>
            {region.services.map(s => (
              <Typography variant="body2" key={s.service}>
                {`${s.service === 'engine' ? 'Engine' : 'Control'} /healthz: ${
                  s.status
                }${s.version ? `, version ${s.version}` : ''}`}
              </Typography>
            ))}
          </Box>
        )}
      </Section>

      <Section title="Sources">
        <Facts
          label="Sources"
          facts={region.sources.map(s => [s.source, describeSource(s)])}
        />
      </Section>

      <Divider style={{ marginTop: 16 }} />
      <Section title="Links">
        <RegionLinks fleet={region.fleet} region={region.region} />
      </Section>
    </>
  );
}
