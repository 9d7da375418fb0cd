import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { PickerField } from '../PickerField';
import { useChosenFleet } from '../useChosenFleet';

/** The name the form field is used by: `ui:field: InferadbRolePicker`. */
export const ROLE_PICKER_FIELD = 'InferadbRolePicker';

/**
 * A new region's role, from the field's `oneOf` (value and title), with the roles the
 * chosen fleet cannot take shown but not choosable: a second DR region, or a satellite in
 * a Ledger fleet. The fleet is the entity ref in `ui:options.fleetField` (default `fleet`).
 */
export function RolePicker(
  props: FieldExtensionComponentProps<string, { fleetField?: string }>,
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
  const { fleet, error } = useChosenFleet({ uiSchema, formContext });
  const dr = fleet?.regions.find(r => r.declaredRole === 'dr');

  const whyNot = (role: string) => {
    if (role === 'dr' && dr) return `the fleet already has one, ${dr.region}`;
    if (role === 'satellite' && fleet?.storage === 'ledger')
      return 'a Ledger fleet has no satellites';
    return undefined;
  };
  const choices = ((schema.oneOf ?? []) as { const: string; title?: string }[])
    .filter(o => typeof o.const === 'string')
    .map(o => {
      const reason = whyNot(o.const);
      return {
        value: o.const,
        label: reason
          ? `${o.title ?? o.const} (not possible: ${reason})`
          : o.title,
        disabled: !!reason,
      };
    });
  const chosenIsBlocked = choices.some(c => c.value === formData && c.disabled);

  return (
    <PickerField
      id={idSchema?.$id}
      select
      label={schema.title ?? 'Role'}
      required={required}
      disabled={disabled}
      value={formData}
      onChange={onChange}
      error={chosenIsBlocked || rawErrors.length > 0}
      helperText={
        error
          ? `Could not load the fleet (${error.message}); every role is offered, and the action checks the choice.`
          : schema.description
      }
      options={choices}
    />
  );
}
