export { EntityFleetContent } from './EntityFleetContent';
