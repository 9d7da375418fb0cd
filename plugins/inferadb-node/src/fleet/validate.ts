import {
  Fleet,
  FleetRegion,
  fleetSchema,
  formatMinuteOfWeek,
  isInWindow,
  parseMaintenanceWindow,
} from '@inferadb-regions/plugin-inferadb-common';
import { ZodIssue } from 'zod';
import { FleetProblem } from './problems';
import { regionMesh } from './mesh';
import {
  fdbDataCenters,
  ledgerReplicas,
  mainProcessCounts,
  operatorDefaultProcessCounts,
  operatorDefaultSatelliteLogs,
  satelliteProcessCounts,
} from './topology';
import { regionEntityName } from './render/catalogEntity';

/**
 * Result of validating a fleet document.
 *
 * @public
 */
export interface FleetValidation {
  fleet?: Fleet;
  problems: FleetProblem[];
  /** Not errors, but a pull request should not merge before they are dealt with. */
  warnings: FleetProblem[];
}

const MIN_SATELLITE_LOGS: Record<string, number> = {
  one_satellite_single: 1,
  one_satellite_double: 2,
  one_satellite_triple: 3,
  two_satellite_safe: 4,
  two_satellite_fast: 4,
};
const RESERVED_REGION_IDS = ['engine', 'control', 'router'];

function issuePath(path: (string | number)[]): string {
  return path
    .map(part => (typeof part === 'number' ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
}

function fromZod(issue: ZodIssue): FleetProblem {
  const field = issuePath(issue.path) || '(fleet file)';
  if (issue.code === 'unrecognized_keys') {
    return {
      field,
      message: `unknown field(s) ${issue.keys.join(
        ', ',
      )}: remove them or check the spelling (see docs/region-config.md)`,
    };
  }
  if (issue.code === 'invalid_union_discriminator') {
    return { field, message: 'must be foundationdb or ledger' };
  }
  return { field, message: issue.message };
}

const regionField = (fleet: Fleet, region: FleetRegion, field?: string) =>
  `spec.regions[${fleet.spec.regions.indexOf(region)}]${
    field ? `.${field}` : ''
  }`;

function checkRoles(fleet: Fleet, problems: FleetProblem[]) {
  const primaries = fleet.spec.regions.filter(r => r.role === 'primary');
  if (primaries.length !== 1) {
    problems.push({
      field: 'spec.regions',
      message:
        primaries.length === 0
          ? 'a fleet needs exactly one region with role primary: set role: primary on one region'
          : `a fleet needs exactly one primary, found ${
              primaries.length
            } (${primaries
              .map(r => r.id)
              .join(', ')}): keep one and make the others dr or replica`,
    });
  }
  const drs = fleet.spec.regions.filter(r => r.role === 'dr');
  if (fleet.spec.storage.type === 'foundationdb') {
    if (primaries.length + drs.length > 2) {
      const extra = drs[drs.length - 1];
      problems.push({
        field: regionField(fleet, extra, 'role'),
        message: `FoundationDB supports at most two regions (a primary and one dr), so ${extra.id} cannot be another main region: add it with role satellite (it holds transaction logs for the regions) or replica (Engine and Control only), or run a separate fleet`,
      });
    }
  } else {
    for (const region of fleet.spec.regions.filter(
      r => r.role === 'satellite',
    )) {
      problems.push({
        field: regionField(fleet, region, 'role'),
        message: `role satellite is a FoundationDB data center holding transaction logs and does not exist in a ledger fleet: use replica (Engine and Control, with its own Ledger cluster) or dr`,
      });
    }
  }
  for (const region of fleet.spec.regions) {
    if (
      region.regionalStorage !== undefined &&
      fleet.spec.storage.type !== 'ledger'
    ) {
      problems.push({
        field: regionField(fleet, region, 'regionalStorage'),
        message: 'regionalStorage applies to ledger fleets only: remove it',
      });
    }
    if (region.regionalStorage === false && region.role !== 'replica') {
      problems.push({
        field: regionField(fleet, region, 'regionalStorage'),
        message: `a ${region.role} region must run its own Ledger cluster: remove regionalStorage: false or make the region a replica`,
      });
    }
  }
}

function checkNames(fleet: Fleet, problems: FleetProblem[]) {
  const seen = new Map<string, number>();
  fleet.spec.regions.forEach((region, index) => {
    const first = seen.get(region.id);
    if (first !== undefined) {
      problems.push({
        field: `spec.regions[${index}].id`,
        message: `duplicate region id ${region.id} (also spec.regions[${first}]): give every region its own id`,
      });
    } else {
      seen.set(region.id, index);
    }
    if (RESERVED_REGION_IDS.includes(region.id)) {
      problems.push({
        field: `spec.regions[${index}].id`,
        message: `${region.id} is reserved (it would clash with the tag tag:${fleet.spec.tailscale.tagPrefix}-${region.id}): choose another id`,
      });
    }
    const entityName = regionEntityName(fleet, region);
    if (entityName.length > 63) {
      problems.push({
        field: `spec.regions[${index}].id`,
        message: `the region's catalog and cluster name ${entityName} is longer than 63 characters: shorten the region id or the fleet name`,
      });
    }
  });
  if (fleet.spec.storage.type === 'foundationdb') {
    const dcs = new Map<string, string>();
    for (const dc of fdbDataCenters(fleet)) {
      const other = dcs.get(dc.id);
      if (other) {
        problems.push({
          field: regionField(fleet, dc.region, 'dataCenter'),
          message: `data center ${dc.id} is also used by region ${other}: each region needs its own data center id (it is the processGroupIDPrefix)`,
        });
      }
      dcs.set(dc.id, dc.region.id);
      if (dc.id.length > 43) {
        problems.push({
          field: regionField(
            fleet,
            dc.region,
            dc.region.dataCenter ? 'dataCenter' : 'id',
          ),
          message: `data center id ${dc.id} is longer than 43 characters, the limit of processGroupIDPrefix: set a shorter dataCenter`,
        });
      }
    }
  }
}

function checkCounts(fleet: Fleet, problems: FleetProblem[]) {
  const storage = fleet.spec.storage;
  if (storage.type === 'ledger') {
    for (const region of fleet.spec.regions) {
      if (region.processCounts) {
        problems.push({
          field: regionField(fleet, region, 'processCounts'),
          message:
            'processCounts applies to foundationdb fleets only: use ledgerReplicas',
        });
      }
      const replicas = ledgerReplicas(region);
      if (replicas % 2 === 0) {
        problems.push({
          field: regionField(fleet, region, 'ledgerReplicas'),
          message: `${replicas} Ledger replicas tolerate no more failures than ${
            replicas - 1
          }: use an odd count (3, 5 or 7)`,
        });
      }
    }
    return;
  }
  const floor = operatorDefaultProcessCounts(fleet);
  for (const dc of fdbDataCenters(fleet)) {
    if (dc.region.ledgerReplicas !== undefined) {
      problems.push({
        field: regionField(fleet, dc.region, 'ledgerReplicas'),
        message:
          'ledgerReplicas applies to ledger fleets only: use processCounts',
      });
    }
    if (dc.kind === 'main') {
      const counts = mainProcessCounts(fleet, dc.region);
      for (const cls of ['storage', 'log', 'stateless'] as const) {
        if (counts[cls] < floor[cls]) {
          problems.push({
            field: regionField(fleet, dc.region, `processCounts.${cls}`),
            message: `${counts[cls]} ${cls} processes are too few for redundancy mode ${storage.redundancyMode}, which needs at least ${floor[cls]} (the FDB operator's default): raise processCounts.${cls} or remove it, or choose a lower spec.storage.redundancyMode`,
          });
        }
      }
      if (counts.cluster_controller < 1) {
        problems.push({
          field: regionField(
            fleet,
            dc.region,
            'processCounts.cluster_controller',
          ),
          message:
            'a main data center needs a cluster_controller process to run the database from: set processCounts.cluster_controller to 1',
        });
      }
    } else {
      const counts = satelliteProcessCounts(fleet, dc.region);
      const needed = operatorDefaultSatelliteLogs(fleet);
      if (counts.log < needed) {
        problems.push({
          field: regionField(fleet, dc.region, 'processCounts.log'),
          message: `the satellite runs ${counts.log} log processes but spec.storage.satelliteLogs recruits ${storage.satelliteLogs}, and the FDB operator runs ${needed} there by default: raise processCounts.log or remove it, or lower satelliteLogs`,
        });
      }
    }
  }
  checkServiceRanges(fleet, problems);
  const satellites = fleet.spec.regions.filter(r => r.role === 'satellite');
  if (satellites.length > 0) {
    const needed = MIN_SATELLITE_LOGS[storage.satelliteRedundancyMode];
    if (storage.satelliteLogs < needed) {
      problems.push({
        field: 'spec.storage.satelliteLogs',
        message: `satellite redundancy mode ${storage.satelliteRedundancyMode} keeps ${needed} copies, so satelliteLogs must be at least ${needed}: raise it or choose another satelliteRedundancyMode`,
      });
    }
    if (
      storage.satelliteRedundancyMode.startsWith('two_satellite') &&
      satellites.length < 2
    ) {
      problems.push({
        field: 'spec.storage.satelliteRedundancyMode',
        message: `${storage.satelliteRedundancyMode} needs two satellite data centers, the fleet has ${satellites.length}: add another satellite region or use one_satellite_double`,
      });
    }
  }
}

function cidrRange(cidr: string): [number, number] {
  const [address, bits] = cidr.split('/');
  const start =
    address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0) >>>
    0;
  const size = 2 ** (32 - Number(bits));
  const base = start - (start % size);
  return [base, base + size - 1];
}

/**
 * Every FDB data center of a fleet spanning clusters is reached through its subnet
 * router, which advertises the cluster's Service CIDR: each needs one, and no two may
 * overlap (the tailnet could not tell them apart).
 */
function checkServiceRanges(fleet: Fleet, problems: FleetProblem[]) {
  const routed: FleetRegion[] = [];
  for (const region of fleet.spec.regions) {
    if (!regionMesh(fleet, region).router) {
      continue;
    }
    if (!region.serviceCidr) {
      problems.push({
        field: regionField(fleet, region, 'serviceCidr'),
        message: `data center ${region.id} needs its cluster's Service CIDR once the fleet spans clusters (its Tailscale subnet router advertises it so the other data centers reach its FDB processes): set serviceCidr, for example from the kube-apiserver's --service-cluster-ip-range`,
      });
      continue;
    }
    const [start, end] = cidrRange(region.serviceCidr);
    const clash = routed.find(other => {
      const [otherStart, otherEnd] = cidrRange(other.serviceCidr!);
      return start <= otherEnd && otherStart <= end;
    });
    if (clash) {
      problems.push({
        field: regionField(fleet, region, 'serviceCidr'),
        message: `${region.serviceCidr} overlaps ${clash.serviceCidr} of region ${clash.id}: clusters joined over the tailnet need Service CIDRs that do not overlap`,
      });
    }
    routed.push(region);
  }
}

/**
 * Maintenance windows must never leave fewer than half of the regions up at once. The
 * largest overlap starts when some window opens, so checking every opening is enough.
 */
function checkMaintenanceWindows(fleet: Fleet, problems: FleetProblem[]) {
  const windows = fleet.spec.regions.flatMap(region => {
    const window = region.maintenanceWindow
      ? parseMaintenanceWindow(region.maintenanceWindow)
      : undefined;
    return window ? [{ region, window }] : [];
  });
  const total = fleet.spec.regions.length;
  if (total < 2) {
    // A single region is down in its window whatever we do; that is the operator's call.
    return;
  }
  for (const { window } of windows) {
    const down = windows.filter(w => isInWindow(w.window, window.start));
    const up = total - down.length;
    if (up * 2 < total) {
      const last = down[down.length - 1];
      problems.push({
        field: regionField(fleet, last.region, 'maintenanceWindow'),
        message: `at ${formatMinuteOfWeek(window.start)} the windows of ${down
          .map(w => w.region.id)
          .join(
            ', ',
          )} overlap, leaving ${up} of ${total} regions up (fewer than half): stagger the maintenance windows`,
      });
      return;
    }
  }
}

function collectWarnings(fleet: Fleet): FleetProblem[] {
  const warnings: FleetProblem[] = [];
  const storage = fleet.spec.storage;
  const dcs = fdbDataCenters(fleet);
  if (
    storage.type === 'foundationdb' &&
    dcs.length > 1 &&
    !storage.seedConnectionString
  ) {
    warnings.push({
      field: 'spec.storage.seedConnectionString',
      message: `not set, so the FoundationDBClusters of ${dcs
        .slice(1)
        .map(dc => dc.id)
        .join(', ')} would start a new database instead of joining ${
        dcs[0].clusterName
      }: copy ConfigMap ${
        dcs[0].clusterName
      }-config key cluster-file into spec.storage.seedConnectionString and run inferadb-regions render before merging`,
    });
  }
  for (const region of fleet.spec.regions) {
    if (
      region.role === 'replica' &&
      storage.type === 'foundationdb' &&
      !storage.seedConnectionString
    ) {
      warnings.push({
        field: 'spec.storage.seedConnectionString',
        message: `not set, so replica ${region.id}, which has no FDB data center, gets an empty cluster file: copy ConfigMap ${dcs[0]?.clusterName}-config key cluster-file into spec.storage.seedConnectionString and run inferadb-regions render before merging`,
      });
    }
  }
  return warnings;
}

/**
 * Validates a fleet document (as parsed from YAML) against the schema and the rules.
 *
 * @public
 */
export function validateFleet(document: unknown): FleetValidation {
  const parsed = fleetSchema.safeParse(document);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map(fromZod), warnings: [] };
  }
  const fleet = parsed.data;
  const problems: FleetProblem[] = [];
  checkNames(fleet, problems);
  checkRoles(fleet, problems);
  if (problems.length === 0) {
    checkCounts(fleet, problems);
    checkMaintenanceWindows(fleet, problems);
  }
  return {
    fleet,
    problems,
    warnings: problems.length ? [] : collectWarnings(fleet),
  };
}
