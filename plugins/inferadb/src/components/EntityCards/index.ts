export { EntityRegionCard } from './EntityRegionCard';
export { EntityFleetSummaryCard } from './EntityFleetSummaryCard';
