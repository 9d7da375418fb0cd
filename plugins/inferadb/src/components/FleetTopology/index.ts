export { FleetTopology } from './FleetTopology';
export { layoutFleet, primaryOf } from './layout';
