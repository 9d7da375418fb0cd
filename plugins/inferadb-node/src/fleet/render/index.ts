import { Fleet } from '@internal/plugin-inferadb-common';
import { TAILSCALE_POLICY_FILE, regionFiles } from '../layout';
import { fdbDataCenters, hasLedgerCluster } from '../topology';
import { generatedYaml } from '../yamlText';
import { regionEntity } from './catalogEntity';
import { foundationDbCluster } from './foundationdb';
import { ledgerServices, ledgerStatefulSet } from './ledger';
import { controlValues, engineValues } from './serviceValues';
import { tailscalePolicyText } from './tailscalePolicy';

/**
 * Every file a fleet needs, path (relative to the fleet directory) to content. The fleet
 * file itself is not among them: it is the input.
 */
export function renderFleet(fleet: Fleet): Map<string, string> {
  const files = new Map<string, string>();
  const dataCenters = fdbDataCenters(fleet);
  for (const region of fleet.spec.regions) {
    const paths = regionFiles(region.id);
    files.set(paths.catalogInfo, generatedYaml([regionEntity(fleet, region)]));
    const dataCenter = dataCenters.find(dc => dc.region.id === region.id);
    if (dataCenter) {
      files.set(
        paths.foundationdbCluster,
        generatedYaml([foundationDbCluster(fleet, dataCenter)]),
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
    }
    files.set(paths.engineValues, generatedYaml([engineValues(fleet, region)]));
    files.set(
      paths.controlValues,
      generatedYaml([controlValues(fleet, region)]),
    );
  }
  files.set(TAILSCALE_POLICY_FILE, tailscalePolicyText(fleet));
  return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export { databaseConfiguration, foundationDbCluster } from './foundationdb';
export { regionEntity, regionEntityName } from './catalogEntity';
export { tailscalePolicy } from './tailscalePolicy';
