import { Fleet } from '@inferadb-regions/plugin-inferadb-common';
import {
  FLEET_ENTITY_FILE,
  TAILSCALE_POLICY_FILE,
  regionFiles,
} from '../layout';
import { regionMesh } from '../mesh';
import { fdbDataCenters, hasLedgerCluster } from '../topology';
import { generatedYaml } from '../yamlText';
import { fleetEntity, regionEntity } from './catalogEntity';
import { foundationDbCluster } from './foundationdb';
import { commonLabels } from './labels';
import {
  ledgerInitJob,
  ledgerServices,
  ledgerStatefulSet,
  ledgerTailscaleRbac,
} from './ledger';
import {
  clusterFileConfigMap,
  controlValues,
  engineValues,
} from './serviceValues';
import { tailscalePolicyText } from './tailscalePolicy';
import { tailscaleRouter } from './tailscaleRouter';

/**
 * Every file a fleet needs, path (relative to the fleet directory) to content. The fleet
 * file itself is not among them: it is the input.
 *
 * @public
 */
export function renderFleet(fleet: Fleet): Map<string, string> {
  const files = new Map<string, string>();
  const dataCenters = fdbDataCenters(fleet);
  for (const region of fleet.spec.regions) {
    const paths = regionFiles(region.id);
    const mesh = regionMesh(fleet, region);
    files.set(paths.catalogInfo, generatedYaml([regionEntity(fleet, region)]));
    const dataCenter = dataCenters.find(dc => dc.region.id === region.id);
    if (dataCenter) {
      files.set(
        paths.foundationdbCluster,
        generatedYaml([foundationDbCluster(fleet, dataCenter)]),
      );
    }
    if (fleet.spec.storage.type === 'foundationdb') {
      files.set(
        paths.clusterFileConfigMap,
        generatedYaml([
          clusterFileConfigMap(fleet, region, commonLabels(fleet, region)),
        ]),
      );
    }
    if (mesh.router) {
      files.set(
        paths.tailscaleRouter,
        generatedYaml(tailscaleRouter(fleet, region)),
      );
    }
    if (hasLedgerCluster(fleet, region)) {
      files.set(
        paths.ledgerStatefulSet,
        generatedYaml([ledgerStatefulSet(fleet, region)]),
      );
      files.set(
        paths.ledgerServices,
        generatedYaml(ledgerServices(fleet, region)),
      );
      files.set(
        paths.ledgerInitJob,
        generatedYaml([ledgerInitJob(fleet, region)]),
      );
      if (mesh.storage) {
        files.set(
          paths.ledgerTailscaleRbac,
          generatedYaml(ledgerTailscaleRbac(fleet, region)),
        );
      }
    }
    files.set(paths.engineValues, generatedYaml([engineValues(fleet, region)]));
    files.set(
      paths.controlValues,
      generatedYaml([controlValues(fleet, region)]),
    );
  }
  files.set(TAILSCALE_POLICY_FILE, tailscalePolicyText(fleet));
  files.set(FLEET_ENTITY_FILE, generatedYaml([fleetEntity(fleet)]));
  return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export { databaseConfiguration, foundationDbCluster } from './foundationdb';
export { fleetEntity, regionEntity, regionEntityName } from './catalogEntity';
export { tailscalePolicy } from './tailscalePolicy';
