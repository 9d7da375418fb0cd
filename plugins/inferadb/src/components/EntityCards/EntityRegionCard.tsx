import { useCallback } from 'react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import {
  isRegionPending,
  REGION_ANNOTATION,
  RegionHealth,
  readRegionEntity,
  regionAnnotationOf,
} from '@inferadb-regions/plugin-inferadb-common';
import { inferadbApiRef } from '../../api';
import { usePolled } from '../../hooks/usePolled';
import { HealthStatusLabel } from '../HealthStatus';
import {
  failedSources,
  formatAge,
  formatLag,
  ROLE_LABELS,
  whereToLook,
} from '../format';
import { RegionNotInFleetError } from '../FleetView/FleetProblem';
import { PolledCard } from './PolledCard';

function readinessWord(ready: boolean | null) {
  if (ready === null) return 'unknown';
  return ready ? 'ready' : 'not ready';
}

function RegionSummary({ region }: { region: RegionHealth }) {
  const failing = region.checks.filter(c => c.status !== 'healthy');
  const failed = failedSources(region);
  const failover = region.failover;
  return (
    <>
      <HealthStatusLabel status={region.status} variant="h6" />
      <Typography variant="body2" paragraph>
        {region.summary}
      </Typography>
      <Typography variant="body2">
        {`Role: ${ROLE_LABELS[region.declaredRole]}${
          region.role !== 'unknown' && region.role !== region.declaredRole
            ? ` (deployed: ${ROLE_LABELS[region.role]})`
            : ''
        }`}
      </Typography>
      <Typography variant="body2">
        {`Replication lag: ${formatLag(region.replicationLagSeconds)}${
          region.targets.replicationLagSeconds !== undefined
            ? ` (target ${formatLag(region.targets.replicationLagSeconds)})`
            : ''
        }`}
      </Typography>
      {failover.applicable && (
        <Typography variant="body2">
          {`Failover: ${readinessWord(failover.ready)}${
            failover.blockers.length ? ` (${failover.blockers.join('; ')})` : ''
          }${
            failover.missingInputs?.length
              ? ` (could not read ${failover.missingInputs.join(', ')})`
              : ''
          }${
            failover.caveats?.length
              ? `; caveats: ${failover.caveats.join('; ')}`
              : ''
          }`}
        </Typography>
      )}
      {failed.length > 0 && (
        <Alert severity="warning" style={{ marginTop: 8 }}>
          {`Partial data: ${failed
            .map(s => `${s.source}: ${s.error ?? 'failed'} (${whereToLook(s)})`)
            .join('; ')}`}
        </Alert>
      )}
      {failing.length > 0 && (
        <List dense aria-label="Failing checks">
          {failing.map(c => (
            <ListItem key={c.id} disableGutters>
              <ListItemText
                primary={<HealthStatusLabel status={c.status} text={c.label} />}
                secondary={c.reason}
              />
            </ListItem>
          ))}
        </List>
      )}
      <Typography variant="caption" color="textSecondary">
        {`Collected ${formatAge(region.collectedAt)}`}
      </Typography>
    </>
  );
}

/** Health of one region, for the overview of a region `Resource`. */
export function EntityRegionCard(props: { pollIntervalMs?: number }) {
  const { entity } = useEntity();
  const annotated = regionAnnotationOf(entity);
  let fleet: string | undefined;
  let region: string | undefined;
  let problem: string | undefined;
  try {
    if (annotated) {
      const info = readRegionEntity(entity);
      fleet = info.fleet;
      region = info.id;
    }
  } catch (error) {
    problem = (error as Error).message;
  }
  const api = useApi(inferadbApiRef);
  const load = useCallback(async () => {
    try {
      return await api.getRegionHealth(fleet!, region!);
    } catch (error) {
      if ((error as ResponseError).response?.status !== 404) throw error;
      // Tell apart an unknown fleet (this read fails too) and a region not in its file.
      await api.getFleetHealth(fleet!);
      throw new RegionNotInFleetError(fleet!, region!);
    }
  }, [api, fleet, region]);
  const health = usePolled(
    fleet && region ? load : undefined,
    [fleet, region],
    props.pollIntervalMs,
  );

  return (
    <PolledCard
      title={`InferaDB region${annotated ? ` ${annotated}` : ''}`}
      missingAnnotations={annotated ? [] : [REGION_ANNOTATION]}
      problem={problem}
      fleet={fleet}
      polled={health}
    >
      {value =>
        isRegionPending(value) ? (
          <Alert severity="info" data-testid="region-pending">
            {`Region ${value.region} is in the fleet but has not been collected yet: the backend collects it within ${value.retryAfterSeconds} s, and this card updates by itself.`}
          </Alert>
        ) : (
          <RegionSummary region={value} />
        )
      }
    </PolledCard>
  );
}
