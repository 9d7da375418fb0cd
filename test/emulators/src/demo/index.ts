export {
  startDemoFleet,
  type DemoFleet,
  type DemoFleetOptions,
  type DemoFleetRegion,
} from './fleet';
export {
  demoDatabaseConfiguration,
  demoHealthz,
  demoRegionObjects,
} from './objects';
export {
  DEMO_FLEET,
  DEMO_NAMESPACE,
  DEMO_REGIONS,
  DEMO_STATES,
  DEMO_TOKEN,
  type DemoRegion,
  type DemoRegionState,
} from './regions';
export { forwardPort, type PortForward } from './forward';
export { startDemoRegionCluster } from './regionCluster';
