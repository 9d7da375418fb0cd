import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { inferadbApiRef } from '../api';

/** The fleet name an entity ref of the fleet's System gives, if it is one. */
function fleetNameOf(ref: unknown): string | undefined {
  if (typeof ref !== 'string' || !ref) return undefined;
  try {
    return parseEntityRef(ref, { defaultKind: 'system' }).name;
  } catch {
    return undefined;
  }
}

/**
 * For a form field: the fleet chosen in another field of the same form (the System's
 * entity ref in `ui:options.fleetField`, default `fleet`), as the backend lists it.
 */
export function useChosenFleet(props: {
  uiSchema?: { 'ui:options'?: { fleetField?: unknown } };
  formContext?: { formData?: Record<string, unknown> };
}) {
  const field = props.uiSchema?.['ui:options']?.fleetField;
  const fleetName = fleetNameOf(
    props.formContext?.formData?.[typeof field === 'string' ? field : 'fleet'],
  );
  const api = useApi(inferadbApiRef);
  const { value, loading, error } = useAsync(() => api.listFleets(), [api]);
  const fleet = value?.fleets.find(f => f.fleet === fleetName);
  return { fleetName, fleet, loading, error };
}
