import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';

const CONFIG_EXAMPLE = `inferadb:
  fleets:
    - name: my-fleet
      storage: foundationdb
      regions:
        - id: us-west-1
          role: primary
          cluster: my-cluster
          namespace: inferadb`;

/** Says how to configure a fleet; shown when the backend knows none (or not this one). */
export function NoFleetConfigured(props: { fleet?: string }) {
  return (
    <EmptyState
      missing="data"
      title={
        props.fleet
          ? `Fleet "${props.fleet}" is not configured`
          : 'No InferaDB fleet is configured'
      }
      description={
        props.fleet
          ? `The InferaDB backend has no fleet named "${props.fleet}". Check the spelling of the annotation, or add the fleet under inferadb.fleets in app-config.yaml.`
          : 'The InferaDB backend reports no fleets. Add one under inferadb.fleets in app-config.yaml and restart the backend.'
      }
      action={
        <Typography
          component="pre"
          variant="body2"
          style={{ whiteSpace: 'pre' }}
        >
          {CONFIG_EXAMPLE}
        </Typography>
      }
    />
  );
}

function statusOf(error: Error): number | undefined {
  return (error as { response?: { status?: number } }).response?.status;
}

/** Turns a failed read into a state that says what to do about it. */
export function FleetLoadError(props: {
  error: Error;
  fleet?: string;
  onRetry: () => void;
}) {
  const status = statusOf(props.error);
  if (status === 404 && props.fleet) {
    return <NoFleetConfigured fleet={props.fleet} />;
  }
  if (status === 403) {
    return (
      <EmptyState
        missing="info"
        title="You may not read fleet health"
        description="Reading InferaDB health needs the inferadb.fleet.health.read permission. Ask a portal administrator to grant it in the permission policy."
      />
    );
  }
  return (
    <>
      <ResponseErrorPanel
        error={props.error}
        title="Could not load InferaDB health from the backend"
      />
      <Typography variant="body2" paragraph>
        Check that the InferaDB backend plugin is installed and running, then
        try again.
      </Typography>
      <Button variant="outlined" color="primary" onClick={props.onRetry}>
        Try again
      </Button>
    </>
  );
}
