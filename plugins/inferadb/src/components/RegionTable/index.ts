export { RegionTable, componentStatus } from './RegionTable';
export { RegionCards } from './RegionCards';
