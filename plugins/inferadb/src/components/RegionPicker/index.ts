export { RegionPicker, REGION_PICKER_FIELD } from './RegionPicker';
