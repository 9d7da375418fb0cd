import { useCallback } from 'react';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useSearchParams } from 'react-router-dom';
import { inferadbApiRef } from '../../api';
import { usePolled } from '../../hooks/usePolled';
import { HealthStatusIcon } from '../HealthStatus';
import { FleetLoadError, FleetView, NoFleetConfigured } from '../FleetView';

/**
 * Every fleet the backend knows, one tab each, and the chosen fleet below. The choice is
 * kept in the URL (`?fleet=`) so it survives reloads and can be shared.
 */
export function FleetPageContent(props: { pollIntervalMs?: number }) {
  const api = useApi(inferadbApiRef);
  const load = useCallback(() => api.listFleets(), [api]);
  const fleets = usePolled(load, [], props.pollIntervalMs);
  const [params, setParams] = useSearchParams();

  if (fleets.loading && !fleets.value) return <Progress />;
  if (!fleets.value) {
    return fleets.error ? (
      <FleetLoadError error={fleets.error} onRetry={fleets.retry} />
    ) : (
      <NoFleetConfigured />
    );
  }
  const list = fleets.value.fleets;
  if (list.length === 0) return <NoFleetConfigured />;

  const requested = params.get('fleet');
  const chosen = list.find(f => f.fleet === requested)?.fleet ?? list[0].fleet;
  return (
    <>
      {list.length > 1 && (
        <Tabs
          value={chosen}
          onChange={(_, fleet: string) =>
            setParams({ fleet }, { replace: true })
          }
          indicatorColor="primary"
          variant="scrollable"
          aria-label="Fleets"
        >
          {list.map(f => (
            <Tab
              key={f.fleet}
              value={f.fleet}
              label={
                <Box display="flex" alignItems="center" style={{ gap: 6 }}>
                  <HealthStatusIcon status={f.status} />
                  {f.fleet}
                </Box>
              }
            />
          ))}
        </Tabs>
      )}
      {requested && requested !== chosen ? (
        <NoFleetConfigured fleet={requested} />
      ) : (
        <Box mt={list.length > 1 ? 2 : 0}>
          <FleetView
            key={chosen}
            fleet={chosen}
            pollIntervalMs={props.pollIntervalMs}
          />
        </Box>
      )}
    </>
  );
}
