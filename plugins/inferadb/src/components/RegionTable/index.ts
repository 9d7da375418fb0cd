export { RegionTable, componentStatus } from './RegionTable';
