import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  FLEET_ANNOTATION,
  fleetAnnotationOf as fleetOf,
} from '@inferadb-regions/plugin-inferadb-common';
import { FleetView } from '../FleetView';

/** The fleet tab of a `System` annotated with `inferadb.io/fleet`. */
export function EntityFleetContent(props: { pollIntervalMs?: number }) {
  const { entity } = useEntity();
  const fleet = fleetOf(entity);
  if (!fleet) {
    return <MissingAnnotationEmptyState annotation={FLEET_ANNOTATION} />;
  }
  return <FleetView fleet={fleet} pollIntervalMs={props.pollIntervalMs} />;
}
