export { HealthStatusIcon } from './HealthStatusIcon';
export { HealthStatusLabel } from './HealthStatusLabel';
export { statusColor, STATUS_LABELS } from './statusColor';
