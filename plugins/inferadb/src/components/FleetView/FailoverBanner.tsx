import Alert from '@material-ui/lab/Alert';
import {
  FleetHealth,
  RegionHealth,
} from '@inferadb-regions/plugin-inferadb-common';

const why = (r: RegionHealth) =>
  r.failover?.ready === null
    ? `its readiness could not be read (${(r.failover.missingInputs ?? []).join(
        ', ',
      )})`
    : (r.failover?.blockers ?? []).join('; ');

/**
 * Says when the fleet's disaster recovery needs attention: the primary is down or cannot
 * be read, or a DR region could not take over now. Silent while every DR region is ready
 * and the primary is healthy or degraded.
 */
export function FailoverBanner(props: { fleet: FleetHealth }) {
  const { regions } = props.fleet;
  const primary = regions.find(r => r.declaredRole === 'primary');
  const dr = regions.filter(r => r.failover?.applicable);
  const ready = dr.filter(r => r.failover?.ready === true);
  const notReady = dr.filter(r => r.failover?.ready !== true);
  const primaryDown =
    primary && (primary.status === 'critical' || primary.status === 'unknown');

  if (primaryDown) {
    const state =
      primary.status === 'unknown'
        ? `The primary ${primary.region} cannot be read: it may be down.`
        : `The primary ${primary.region} is critical.`;
    let next: string;
    if (ready.length) {
      next = `${ready
        .map(r => r.region)
        .join(', ')} can take over: see the failover runbook.`;
    } else if (dr.length) {
      next = `No region can take over now: ${notReady
        .map(r => `${r.region}: ${why(r)}`)
        .join('. ')}.`;
    } else {
      next = 'The fleet has no DR region to take over.';
    }
    return (
      <Alert
        severity="error"
        style={{ marginTop: 8 }}
        data-testid="failover-banner"
      >
        {`${state} ${next}`}
      </Alert>
    );
  }
  if (!notReady.length) return null;
  return (
    <Alert
      severity="warning"
      style={{ marginTop: 8 }}
      data-testid="failover-banner"
    >
      {`If the primary failed now, ${notReady
        .map(r => `${r.region} could not take over: ${why(r)}`)
        .join('. ')}.`}
    </Alert>
  );
}
