import { useCallback } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  FLEET_ANNOTATION,
  FleetHealth,
  fleetAnnotationOf as fleetOf,
} from '@inferadb-regions/plugin-inferadb-common';
import { inferadbApiRef } from '../../api';
import { usePolled } from '../../hooks/usePolled';
import { primaryOf } from '../FleetTopology';
import { HealthStatusLabel } from '../HealthStatus';
import { failedSources, formatAge, formatLag, ROLE_LABELS } from '../format';
import { PolledCard } from './PolledCard';

function FleetSummary({ fleet: f }: { fleet: FleetHealth }) {
  const primary = primaryOf(f);
  const partial = f.regions.filter(r => failedSources(r).length > 0);
  return (
    <>
      <HealthStatusLabel status={f.status} variant="h6" />
      {f.issues.map(issue => (
        <Alert key={issue} severity="error" style={{ marginTop: 8 }}>
          {issue}
        </Alert>
      ))}
      {partial.length > 0 && (
        <Alert severity="warning" style={{ marginTop: 8 }}>
          {`Partial data for ${partial
            .map(r => r.region)
            .join(', ')}: some sources could not be read.`}
        </Alert>
      )}
      <Table size="small" aria-label={`Regions of ${f.fleet}`}>
        <TableHead>
          <TableRow>
            <TableCell>Region</TableCell>
            <TableCell>Role</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Lag</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {f.regions.map(r => (
            <TableRow key={r.region} data-region={r.region}>
              <TableCell component="th" scope="row">
                {r.region === primary ? `${r.region} ★` : r.region}
              </TableCell>
              <TableCell>{ROLE_LABELS[r.declaredRole]}</TableCell>
              <TableCell>
                <HealthStatusLabel status={r.status} />
              </TableCell>
              <TableCell>{formatLag(r.replicationLagSeconds)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="caption" color="textSecondary">
        {`Collected ${formatAge(f.collectedAt)}`}
      </Typography>
    </>
  );
}

/** One line per region of the fleet, for the overview of the fleet's `System`. */
export function EntityFleetSummaryCard(props: { pollIntervalMs?: number }) {
  const { entity } = useEntity();
  const fleet = fleetOf(entity);
  const api = useApi(inferadbApiRef);
  const load = useCallback(() => api.getFleetHealth(fleet!), [api, fleet]);
  const health = usePolled(
    fleet ? load : undefined,
    [fleet],
    props.pollIntervalMs,
  );

  return (
    <PolledCard
      title={`InferaDB fleet${fleet ? ` ${fleet}` : ''}`}
      missingAnnotations={fleet ? [] : [FLEET_ANNOTATION]}
      fleet={fleet}
      polled={health}
    >
      {f => <FleetSummary fleet={f} />}
    </PolledCard>
  );
}
