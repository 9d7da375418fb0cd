export { RolePicker, ROLE_PICKER_FIELD } from './RolePicker';
