export { FleetView } from './FleetView';
export { FleetLoadError, NoFleetConfigured } from './FleetProblem';
