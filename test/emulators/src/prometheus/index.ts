export {
  MetricsRegistry,
  startMetricsExporter,
  type Labels,
  type MetricsExporter,
} from './exporter';
export {
  findPrometheus,
  startPrometheus,
  type PrometheusServer,
  type PrometheusServerOptions,
} from './prometheusServer';
export {
  LATENCY_QUANTILES,
  writeRegionMetrics,
  type RegionMetricValues,
} from './inferadbMetrics';
export { instantVectorAnswer } from './instantQuery';
