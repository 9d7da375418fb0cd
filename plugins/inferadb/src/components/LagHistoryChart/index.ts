export { LagHistoryChart } from './LagHistoryChart';
