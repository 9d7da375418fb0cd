import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';

const SYSTEM_EXAMPLE = `# catalog-info.yaml beside fleet.yaml (inferadb-regions init writes it)
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: my-fleet
  annotations:
    inferadb.io/fleet: my-fleet
    inferadb.io/fleet-file: ./fleet.yaml
spec:
  owner: group:default/platform`;

/**
 * Says how the backend finds fleets; shown when it knows none (or not this one), with the
 * backend's own reason when it gave one (a fleet file that cannot be read, for example).
 */
export function NoFleetConfigured(props: { fleet?: string; reason?: string }) {
  const how =
    'The backend reads each fleet from its fleet file: the one a catalog System names in inferadb.io/fleet-file, or one listed under inferadb.fleets[].fleetFile in app-config. A fleet file change is picked up at the next collection.';
  return (
    <EmptyState
      missing="data"
      title={
        props.fleet
          ? `The backend has no fleet "${props.fleet}"`
          : 'No InferaDB fleet is known to the backend'
      }
      description={`${props.reason ? `${props.reason}. ` : ''}${how}`}
      action={
        <Typography
          component="pre"
          variant="body2"
          style={{ whiteSpace: 'pre' }}
        >
          {SYSTEM_EXAMPLE}
        </Typography>
      }
    />
  );
}

/** A region entity whose region its fleet's file does not have. */
export class RegionNotInFleetError extends Error {
  constructor(readonly fleet: string, readonly region: string) {
    super(`fleet "${fleet}" has no region "${region}" in its fleet file`);
    this.name = 'RegionNotInFleetError';
  }
}

/** The backend's own message of a failed answer, when it sent one. */
function backendMessage(error: Error): string | undefined {
  return (error as { body?: { error?: { message?: string } } }).body?.error
    ?.message;
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
  if (props.error instanceof RegionNotInFleetError) {
    return (
      <EmptyState
        missing="data"
        title={`Region "${props.error.region}" is not in fleet "${props.error.fleet}"`}
        description="The fleet's file does not list this region. If a pull request adds it, the region appears here at the first collection after the merge; otherwise check the entity's inferadb.io/region annotation."
      />
    );
  }
  if (status === 404 && props.fleet) {
    return (
      <NoFleetConfigured
        fleet={props.fleet}
        reason={backendMessage(props.error)}
      />
    );
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
