import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';

/** One choice of a {@link PickerField}. */
export interface PickerOption {
  value: string;
  label?: string;
  disabled?: boolean;
}

/**
 * The form fields' picker: a select over what the backend listed, or a plain text field
 * when the list could not be loaded (the action checks what is typed).
 */
export function PickerField(props: {
  id?: string;
  label: string;
  required?: boolean;
  disabled?: boolean;
  /** False when the list could not be loaded: the user types instead. */
  select: boolean;
  value?: string;
  onChange: (value: string | undefined) => void;
  error: boolean;
  helperText?: string;
  options: PickerOption[];
}) {
  return (
    <TextField
      id={props.id}
      select={props.select}
      fullWidth
      margin="normal"
      label={props.label}
      required={props.required}
      disabled={props.disabled}
      value={props.value ?? ''}
      onChange={event => props.onChange(event.target.value || undefined)}
      error={props.error}
      helperText={props.helperText}
    >
      {props.options.map(o => (
        <MenuItem key={o.value} value={o.value} disabled={o.disabled}>
          {o.label ?? o.value}
        </MenuItem>
      ))}
    </TextField>
  );
}
