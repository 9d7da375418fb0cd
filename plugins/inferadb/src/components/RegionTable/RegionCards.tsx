import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { RegionHealth } from '@inferadb-regions/plugin-inferadb-common';
import { HealthStatusLabel } from '../HealthStatus';
import { formatLag, ROLE_LABELS } from '../format';
import { componentStatus, failoverLabel } from './RegionTable';

const COMPONENTS = [
  ['engine', 'Engine'],
  ['control', 'Control'],
  ['storage', 'Storage'],
  ['mesh', 'Mesh'],
] as const;

/**
 * The regions as cards, one under the other, for narrow screens where the table's columns
 * would run off the side: every region's status, role, failover readiness, lag and
 * components without sideways scrolling. A region's name opens its drawer.
 */
export function RegionCards(props: {
  regions: RegionHealth[];
  onSelectRegion?: (region: string) => void;
}) {
  return (
    <Box component="ul" aria-label="Regions" p={0} m={0}>
      {props.regions.map(r => (
        <Paper
          key={r.region}
          component="li"
          variant="outlined"
          data-region={r.region}
          style={{ listStyle: 'none', padding: 12, marginBottom: 8 }}
        >
          <Box
            display="flex"
            alignItems="center"
            flexWrap="wrap"
            style={{ gap: 8 }}
          >
            <Button
              size="small"
              color="primary"
              style={{ textTransform: 'none', fontWeight: 600 }}
              aria-label={`Open details of region ${r.region}`}
              aria-haspopup="dialog"
              onClick={() => props.onSelectRegion?.(r.region)}
            >
              {r.region}
            </Button>
            <HealthStatusLabel status={r.status} />
            <Typography variant="body2" color="textSecondary">
              {ROLE_LABELS[r.declaredRole]}
            </Typography>
          </Box>
          <Box display="flex" flexWrap="wrap" style={{ gap: 12 }} mt={1}>
            {COMPONENTS.map(([component, label]) => (
              <HealthStatusLabel
                key={component}
                status={componentStatus(r, component)}
                text={label}
              />
            ))}
          </Box>
          <Typography variant="body2" style={{ marginTop: 8 }} component="div">
            {r.failover?.applicable && (
              <Box display="flex" alignItems="center" style={{ gap: 6 }}>
                Failover: {failoverLabel(r.failover)}
              </Box>
            )}
            {r.declaredRole !== 'primary' &&
              `Lag ${formatLag(r.replicationLagSeconds)} (target ${formatLag(
                r.targets.replicationLagSeconds,
              )})`}
          </Typography>
        </Paper>
      ))}
    </Box>
  );
}
