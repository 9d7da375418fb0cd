import { Fleet } from '@inferadb-regions/plugin-inferadb-common';
import { fdbDataCenters, mainRegions } from './topology';

/**
 * One stage of a region change on a live FoundationDB cluster, and what to watch.
 *
 * @public
 */
export interface FdbStage {
  title: string;
  detail: string;
  watch: string[];
}

const RECONCILED =
  'each FoundationDBCluster reports `status.generations.reconciled` equal to `metadata.generation`';
const POPULATING =
  '`fdbcli --exec "status json"`: `cluster.data.state.name` passes `healthy_populating_region` (data is copied into the new region) before it reaches `healthy`';
const LAG =
  '`cluster.datacenter_lag.seconds` falls back under the replication-lag target';

/**
 * The stages FDB requires when a change alters the regions of a running cluster. FDB never
 * changes `regions` and `usable_regions` in one step, and changes `usable_regions` only
 * while a single region has priority at least 0. The operator walks these stages itself from the
 * final manifests; the pull request still has to say what will happen and what to watch.
 *
 * @public
 */
export function fdbStages(before: Fleet | undefined, after: Fleet): FdbStage[] {
  if (
    !before ||
    before.spec.storage.type !== 'foundationdb' ||
    after.spec.storage.type !== 'foundationdb'
  ) {
    return [];
  }
  const stages: FdbStage[] = [];
  const beforeMains = mainRegions(before).map(r => r.id);
  const afterMains = mainRegions(after);
  const beforeDcs = fdbDataCenters(before);
  const afterDcs = fdbDataCenters(after);
  const primary = afterMains[0];
  const removedDr = mainRegions(before).find(
    r =>
      r.role === 'dr' &&
      !afterMains.some(a => a.id === r.id && a.role === 'dr'),
  );
  const addedDr = afterMains.find(
    r => r.role === 'dr' && !beforeMains.includes(r.id),
  );

  if (removedDr) {
    const dc = beforeDcs.find(d => d.region.id === removedDr.id)!;
    stages.push(
      {
        title: `Stop ${dc.id} from ever becoming primary`,
        detail: `Its region's priority goes to -1 first, so FDB disables automatic failover into it.`,
        watch: [
          RECONCILED,
          '`cluster.configuration.regions` shows the priority -1',
        ],
      },
      {
        title: 'Go down to one usable region',
        detail:
          '`usable_regions` goes from 2 to 1 (allowed now that only one region has priority >= 0); data stops being replicated into the DR region.',
        watch: [
          '`cluster.configuration.usable_regions` is 1',
          '`cluster.data.state.name` is `healthy`',
        ],
      },
      {
        title: `Remove region ${dc.id} from \`regions\``,
        detail: `Only then may the FoundationDBCluster ${dc.clusterName} in cluster ${removedDr.cluster} be deleted: if your GitOps tool prunes deleted files, apply this change in two steps (configuration first, deletion after the cluster reports healthy).`,
        watch: [
          RECONCILED,
          'no process of the removed data center is still recruited (`cluster.processes[].locality.dcid`)',
        ],
      },
    );
  }
  if (addedDr) {
    const dc = afterDcs.find(d => d.region.id === addedDr.id)!;
    stages.push(
      {
        title: `Create data center ${dc.id}`,
        detail: `FoundationDBCluster ${dc.clusterName} starts in cluster ${addedDr.cluster} and joins ${afterDcs[0].clusterName} through its seedConnectionString.`,
        watch: [
          RECONCILED,
          `the ${dc.id} pods are Running and their Tailscale sidecars are connected`,
        ],
      },
      {
        title: `Add region ${dc.id} with priority -1`,
        detail:
          'The region joins `regions` unable to become primary while usable_regions stays 1.',
        watch: ['`cluster.configuration.regions` lists both regions'],
      },
      {
        title: 'Set `usable_regions: 2` and wait for data movement',
        detail: `Every key is copied into ${dc.id}. This can take hours on a large database; nothing else should change meanwhile.`,
        watch: [POPULATING, LAG],
      },
      {
        title: `Raise ${dc.id}'s priority to 0`,
        detail: `${primary.id} keeps the highest priority (1) and stays primary; ${dc.id} can now take over automatically (Fearless DR).`,
        watch: [
          `\`cluster.active_primary_dc\` is still ${
            primary.dataCenter ?? primary.id
          }`,
          'FoundationDBCluster `status.health.fullReplication` is true',
        ],
      },
    );
  }
  const addedSatellites = afterDcs.filter(
    d => d.kind === 'satellite' && !beforeDcs.some(b => b.id === d.id),
  );
  for (const dc of addedSatellites) {
    stages.push({
      title: `Add satellite data center ${dc.id}`,
      detail: `FoundationDBCluster ${dc.clusterName} (transaction logs only) starts in cluster ${dc.region.cluster}; then every region lists ${dc.id} as a satellite, a \`regions\` change with \`usable_regions\` untouched. Commits then also wait for the satellite logs, adding its round trip to commit latency.`,
      watch: [
        RECONCILED,
        '`cluster.logs` shows satellite logs recruited in the new data center',
        '`cluster.data.state.name` is `healthy`',
      ],
    });
  }
  const removedSatellites = beforeDcs.filter(
    d => d.kind === 'satellite' && !afterDcs.some(a => a.id === d.id),
  );
  for (const dc of removedSatellites) {
    stages.push({
      title: `Remove satellite data center ${dc.id}`,
      detail: `The regions drop ${dc.id} first; delete FoundationDBCluster ${dc.clusterName} only after the logs have been recruited elsewhere.`,
      watch: [
        RECONCILED,
        '`cluster.logs` no longer lists the removed data center',
        '`cluster.data.state.name` is `healthy`',
      ],
    });
  }
  return stages;
}
