import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { ROLE_LABELS } from '../format';
import { PickerField } from '../PickerField';
import { useChosenFleet } from '../useChosenFleet';

/** The name the form field is used by: `ui:field: InferadbRegionPicker`. */
export const REGION_PICKER_FIELD = 'InferadbRegionPicker';

/** `ui:options` of the region picker. */
interface RegionPickerOptions {
  /** The form field that holds the fleet's System entity ref (default `fleet`). */
  fleetField?: string;
  /** List the primary but do not let it be chosen (removal: fail over first). */
  exceptPrimary?: boolean;
}

/**
 * A region of the fleet chosen in another field of the same form, by its id in the fleet
 * file, listed from the backend's view of that file with each region's role.
 */
export function RegionPicker(
  props: FieldExtensionComponentProps<string, RegionPickerOptions>,
) {
  const {
    formData,
    onChange,
    required,
    disabled,
    rawErrors = [],
    schema,
    idSchema,
    uiSchema,
    formContext,
  } = props;
  const options: RegionPickerOptions = uiSchema?.['ui:options'] ?? {};
  const { fleetName, fleet, loading, error } = useChosenFleet({
    uiSchema,
    formContext,
  });
  const regions = fleet?.regions ?? [];

  let helperText: string | undefined = schema.description;
  if (!fleetName) helperText = 'Choose the fleet first.';
  else if (loading) helperText = `Loading the regions of ${fleetName}…`;
  else if (error)
    helperText = `Could not load the regions of ${fleetName} (${error.message}); type the region's id instead.`;
  else if (!fleet)
    helperText = `The backend knows no fleet named ${fleetName}; check its System's inferadb.io/fleet-file.`;

  const exceptPrimary = !!options.exceptPrimary;
  return (
    <PickerField
      id={idSchema?.$id}
      select={!error}
      label={schema.title ?? 'Region'}
      required={required}
      disabled={disabled || loading || !fleetName}
      value={formData}
      onChange={onChange}
      error={!!error || rawErrors.length > 0}
      helperText={helperText}
      options={regions.map(r => {
        const locked = exceptPrimary && r.declaredRole === 'primary';
        return {
          value: r.region,
          label: `${r.region} (${ROLE_LABELS[r.declaredRole]})${
            locked ? ': the primary cannot be removed; fail over first' : ''
          }`,
          disabled: locked,
        };
      })}
    />
  );
}
