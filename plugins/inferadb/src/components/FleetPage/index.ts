export { FleetPage } from './FleetPage';
export { FleetPageContent } from './FleetPageContent';
