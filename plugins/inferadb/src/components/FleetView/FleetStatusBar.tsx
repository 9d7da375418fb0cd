import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import Refresh from '@material-ui/icons/Refresh';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  FleetHealth,
  inferadbFleetHealthRefreshPermission,
} from '@inferadb-regions/plugin-inferadb-common';
import { HealthStatusLabel } from '../HealthStatus';
import { formatAge } from '../format';

/** Re-renders every few seconds so relative times ("12 s ago") stay true. */
function useNow(intervalMs = 5000) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/**
 * Fleet status, when it was last collected, and (for users allowed to force a
 * collection) a refresh button.
 */
export function FleetStatusBar(props: {
  fleet: FleetHealth;
  onRefresh: () => Promise<void>;
}) {
  const now = useNow();
  const { allowed: canRefresh } = usePermission({
    permission: inferadbFleetHealthRefreshPermission,
  });
  const [refreshing, setRefreshing] = useState(false);
  const refresh = async () => {
    setRefreshing(true);
    try {
      await props.onRefresh();
    } finally {
      setRefreshing(false);
    }
  };
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 16 }}>
      <Typography variant="h6" component="h2">
        {props.fleet.fleet}
      </Typography>
      <span data-testid="fleet-status" data-status={props.fleet.status}>
        <HealthStatusLabel status={props.fleet.status} variant="subtitle2" />
      </span>
      <Typography variant="body2" color="textSecondary">
        {props.fleet.storage === 'foundationdb' ? 'FoundationDB' : 'Ledger'}
      </Typography>
      <Box flexGrow={1} />
      <Tooltip title={props.fleet.collectedAt ?? 'not collected yet'}>
        <Typography variant="body2" color="textSecondary">
          Last updated {formatAge(props.fleet.collectedAt, now)}
        </Typography>
      </Tooltip>
      {canRefresh && (
        <Button
          size="small"
          variant="outlined"
          onClick={refresh}
          disabled={refreshing}
          startIcon={refreshing ? <CircularProgress size={16} /> : <Refresh />}
        >
          {refreshing ? 'Refreshing…' : 'Refresh now'}
        </Button>
      )}
    </Box>
  );
}
