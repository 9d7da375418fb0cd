import { useCallback } from 'react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { inferadbApiRef } from '../../api';
import { usePolled } from '../../hooks/usePolled';
import type { InferadbComponentProps } from '../../plugin';
import { rootRouteRef } from '../../routes';
import { FleetLoadError, NoFleetConfigured } from '../FleetView';
import { HealthStatusLabel, STATUS_LABELS } from '../HealthStatus';
import { formatAge, ROLE_LABELS } from '../format';

/**
 * Every fleet the backend knows at a glance, for a home page: each fleet's status and its
 * regions' statuses and roles, each fleet linking to its place on the fleet page. A plain
 * component: it works in apps of either frontend system that install the plugin.
 *
 * @public
 */
export function InferadbFleetsCard(props: InferadbComponentProps) {
  const api = useApi(inferadbApiRef);
  const load = useCallback(() => api.listFleets(), [api]);
  const fleets = usePolled(load, [], props.pollIntervalMs);
  const fleetPage = useRouteRef(rootRouteRef)();

  let body;
  if (fleets.value?.fleets.length) {
    body = (
      <List dense disablePadding aria-label="InferaDB fleets">
        {fleets.value.fleets.map(f => (
          <ListItem key={f.fleet} disableGutters divider>
            <Box width="100%">
              <Box display="flex" alignItems="baseline" style={{ gap: 8 }}>
                <Link to={`${fleetPage}?fleet=${encodeURIComponent(f.fleet)}`}>
                  <HealthStatusLabel
                    status={f.status}
                    variant="subtitle2"
                    text={`${f.fleet}: ${STATUS_LABELS[f.status]}`}
                  />
                </Link>
                <Typography variant="caption" color="textSecondary">
                  {`${
                    f.storage === 'ledger' ? 'Ledger' : 'FoundationDB'
                  }, updated ${formatAge(f.collectedAt)}`}
                </Typography>
              </Box>
              <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mt={0.5}>
                {f.regions.map(r => (
                  <HealthStatusLabel
                    key={r.region}
                    status={r.status}
                    text={`${r.region} (${ROLE_LABELS[r.declaredRole]}): ${
                      STATUS_LABELS[r.status]
                    }`}
                  />
                ))}
              </Box>
            </Box>
          </ListItem>
        ))}
      </List>
    );
  } else if (fleets.value) {
    body = <NoFleetConfigured />;
  } else if (fleets.error) {
    body = <FleetLoadError error={fleets.error} onRetry={fleets.retry} />;
  } else {
    body = <Progress />;
  }
  return (
    <InfoCard
      title="InferaDB fleets"
      deepLink={{ title: 'Open the fleet page', link: fleetPage }}
    >
      {body}
    </InfoCard>
  );
}
