import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { Theme } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { inferadbApiRef } from '../../api';
import { usePolled } from '../../hooks/usePolled';
import { FleetTopology } from '../FleetTopology';
import { RegionDrawer } from '../RegionDrawer';
import { RegionCards, RegionTable } from '../RegionTable';
import { failedSources, formatAge, whereToLook } from '../format';
import { FailoverBanner } from './FailoverBanner';
import { FleetLoadError, NoFleetConfigured } from './FleetProblem';
import { FleetStatusBar } from './FleetStatusBar';
import { StatusAnnouncer } from './StatusAnnouncer';

/**
 * One fleet: status bar, topology, region table and region drawer, kept current by
 * polling. Used by the fleet page and by the entity tab of a fleet's System.
 */
export function FleetView(props: { fleet: string; pollIntervalMs?: number }) {
  const api = useApi(inferadbApiRef);
  const load = useCallback(
    () => api.getFleetHealth(props.fleet),
    [api, props.fleet],
  );
  const health = usePolled(load, [props.fleet], props.pollIntervalMs);
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('xs'));
  // The open region lives in the URL (`?region=`): shareable, and kept across reloads.
  const [params, setParams] = useSearchParams();
  const selected = params.get('region') ?? undefined;
  const setSelected = useCallback(
    (region?: string) =>
      setParams(
        prev => {
          const next = new URLSearchParams(prev);
          if (region) next.set('region', region);
          else next.delete('region');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const [refreshError, setRefreshError] = useState<Error | undefined>();

  const { replace } = health;
  const onRefresh = useCallback(async () => {
    try {
      replace(await api.refreshFleet(props.fleet));
      setRefreshError(undefined);
    } catch (e) {
      setRefreshError(e as Error);
    }
  }, [api, props.fleet, replace]);

  if (health.loading && !health.value) {
    return <Progress />;
  }
  if (!health.value) {
    return health.error ? (
      <FleetLoadError
        error={health.error}
        fleet={props.fleet}
        onRetry={health.retry}
      />
    ) : (
      <NoFleetConfigured fleet={props.fleet} />
    );
  }

  const fleet = health.value;
  const partial = fleet.regions
    .map(r => ({ region: r.region, failed: failedSources(r) }))
    .filter(r => r.failed.length > 0);
  const selectedRegion = fleet.regions.find(r => r.region === selected);

  return (
    // On a phone, room below the last card for Backstage's bottom navigation bar.
    <Box data-testid="inferadb-fleet-view" pb={narrow ? 10 : 0}>
      <FleetStatusBar fleet={fleet} onRefresh={onRefresh} />
      <StatusAnnouncer fleet={fleet} />
      {health.error && (
        <Alert severity="warning" style={{ marginTop: 8 }}>
          {`The backend could not be reached on the last poll (${
            health.error.message
          }); showing the snapshot from ${formatAge(
            fleet.collectedAt,
          )}. It retries on its own.`}
        </Alert>
      )}
      {refreshError && (
        <Alert severity="error" style={{ marginTop: 8 }}>
          {`Refresh failed: ${refreshError.message}`}
        </Alert>
      )}
      {fleet.fleetFile?.error && (
        <Alert
          severity="error"
          style={{ marginTop: 8 }}
          data-testid="fleet-file-error"
        >
          {`The fleet file ${fleet.fleetFile.url}${
            fleet.fleetFile.error.line
              ? ` (line ${fleet.fleetFile.error.line})`
              : ''
          } cannot be used: ${
            fleet.fleetFile.error.message
          }. Health follows the last good version of the file until it is fixed.`}
        </Alert>
      )}
      <FailoverBanner fleet={fleet} />
      {fleet.issues.map(issue => (
        <Alert key={issue} severity="error" style={{ marginTop: 8 }}>
          {issue}
        </Alert>
      ))}
      {partial.length > 0 && (
        <Alert
          severity="warning"
          style={{ marginTop: 8 }}
          data-testid="partial-data"
        >
          {`Partial data: ${partial
            .map(p => `${p.region} (${p.failed.map(s => s.source).join(', ')})`)
            .join(
              '; ',
            )} could not be read, so checks that depend on them show as unknown. ${[
            ...new Set(
              partial.flatMap(p =>
                p.failed.map(f => `${p.region}: ${whereToLook(f)}.`),
              ),
            ),
          ].join(' ')} Open a region for the full error.`}
        </Alert>
      )}
      {fleet.regions.length === 0 ? (
        <Box mt={2}>
          <Typography variant="body1">
            {fleet.collectedAt
              ? 'This fleet has no regions configured. Add regions under inferadb.fleets[].regions.'
              : 'Waiting for the first collection of this fleet; the backend collects on a schedule (every 30 s by default).'}
          </Typography>
        </Box>
      ) : (
        <Grid container spacing={2} style={{ marginTop: 8 }}>
          {/* On a phone the regions come first, as cards, so statuses sit above the fold. */}
          <Grid item xs={12} style={{ order: narrow ? 1 : 2 }}>
            <InfoCard title="Regions" noPadding={!narrow}>
              {narrow ? (
                <RegionCards
                  regions={fleet.regions}
                  onSelectRegion={setSelected}
                />
              ) : (
                <RegionTable
                  regions={fleet.regions}
                  selectedRegion={selected}
                  onSelectRegion={setSelected}
                />
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12} style={{ order: narrow ? 2 : 1 }}>
            <InfoCard title="Topology">
              <FleetTopology
                fleet={fleet}
                selectedRegion={selected}
                onSelectRegion={setSelected}
              />
            </InfoCard>
          </Grid>
        </Grid>
      )}
      <RegionDrawer
        open={selected !== undefined}
        region={selectedRegion}
        onClose={() => setSelected(undefined)}
        pollIntervalMs={props.pollIntervalMs}
      />
    </Box>
  );
}
