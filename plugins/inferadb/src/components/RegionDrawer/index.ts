export { RegionDrawer } from './RegionDrawer';
export { RegionDetails } from './RegionDetails';
