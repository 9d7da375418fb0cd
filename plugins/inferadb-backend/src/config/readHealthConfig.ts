import {
  Config,
  ConfigReader,
  readDurationFromConfig,
} from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import {
  FLEET_REGION_ROLES,
  FLEET_STORAGE_TYPES,
  RegionRole,
  RegionTargets,
  StorageKind,
} from '@inferadb-regions/plugin-inferadb-common';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_METRICS,
  DEFAULT_THRESHOLDS,
} from './defaults';
import { UpstreamLimits } from '../collectors/upstreamGate';
import {
  FleetConfig,
  HealthConfig,
  HealthMetrics,
  MetricQuery,
  PrometheusSettings,
  RegionConfig,
} from './types';

const ROLES: RegionRole[] = [...FLEET_REGION_ROLES];
const STORAGE: StorageKind[] = [...FLEET_STORAGE_TYPES];
const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function oneOf<T extends string>(value: string, allowed: T[], key: string): T {
  if (!allowed.includes(value as T)) {
    throw new InputError(
      `${key} is '${value}'; use one of ${allowed.join(', ')}`,
    );
  }
  return value as T;
}

function name(value: string, key: string) {
  if (!NAME.test(value)) {
    throw new InputError(
      `${key} is '${value}'; use lower-case letters, digits and '-' (at most 63)`,
    );
  }
  return value;
}

function readTargets(config: Config | undefined, key: string): RegionTargets {
  if (!config) return {};
  const targets: RegionTargets = {};
  for (const k of [
    'p95LatencyMs',
    'replicationLagSeconds',
    'failoverSeconds',
    'uptimePercent',
  ] as const) {
    const v = config.getOptionalNumber(k);
    if (v !== undefined) {
      if (!(v >= 0)) {
        throw new InputError(`${key}.${k} must be a number >= 0, got ${v}`);
      }
      targets[k] = v;
    }
  }
  return targets;
}

function readRegion(
  config: Config,
  key: string,
  clusters: Set<string> | undefined,
): RegionConfig {
  const id = name(config.getString('id'), `${key}.id`);
  const cluster = config.getString('cluster');
  if (clusters && !clusters.has(cluster)) {
    throw new InputError(
      `${key}.cluster is '${cluster}', which is not a name in inferadb.clusters; add a cluster with that name or fix the reference`,
    );
  }
  const prom = config.getOptionalConfig('prometheus');
  let prometheus: RegionConfig['prometheus'];
  if (prom) {
    const url = prom.getString('url');
    try {
      // eslint-disable-next-line no-new
      new URL(url);
    } catch {
      throw new InputError(
        `${key}.prometheus.url is '${url}', which is not a URL; use e.g. http://prometheus:9090`,
      );
    }
    const label = prom.getOptionalString('regionLabel');
    if (label !== undefined && !LABEL.test(label)) {
      throw new InputError(
        `${key}.prometheus.regionLabel is '${label}', which is not a Prometheus label name`,
      );
    }
    const value = prom.getOptionalString('regionValue') ?? id;
    prometheus = {
      url: url.replace(/\/+$/, ''),
      selector: label ? `${label}=${JSON.stringify(value)}` : '',
    };
  }
  const tags = config.getOptionalStringArray('tailscaleTags') ?? [];
  for (const [i, tag] of tags.entries()) {
    if (!tag.startsWith('tag:')) {
      throw new InputError(
        `${key}.tailscaleTags[${i}] is '${tag}'; Tailscale tags start with 'tag:'`,
      );
    }
  }
  return {
    id,
    role: oneOf(config.getString('role'), ROLES, `${key}.role`),
    cluster,
    namespace: config.getOptionalString('namespace') ?? 'inferadb',
    dataCenter: config.getOptionalString('dataCenter') ?? id,
    foundationDbCluster: config.getOptionalString('foundationDbCluster'),
    engineService:
      config.getOptionalString('engineService') ?? 'inferadb-engine:8080',
    controlService:
      config.getOptionalString('controlService') ?? 'inferadb-control:9090',
    prometheus,
    tailscaleTags: tags,
    tailscaleKeyId: config.getOptionalString('tailscaleKeyId'),
    targets: readTargets(config.getOptionalConfig('targets'), `${key}.targets`),
    maintenanceWindow: config.getOptionalString('maintenanceWindow'),
  };
}

function readFleet(
  config: Config,
  key: string,
  clusters: Set<string> | undefined,
): FleetConfig {
  const fleetName = name(config.getString('name'), `${key}.name`);
  const regions = config
    .getConfigArray('regions')
    .map((r, i) => readRegion(r, `${key}.regions[${i}]`, clusters));
  const seen = new Set<string>();
  for (const r of regions) {
    if (seen.has(r.id)) {
      throw new InputError(
        `${key}.regions has region '${r.id}' twice; region ids must be unique within a fleet`,
      );
    }
    seen.add(r.id);
  }
  const primaries = regions.filter(r => r.role === 'primary');
  if (primaries.length > 1) {
    throw new InputError(
      `${key}.regions declares ${primaries.length} primary regions (${primaries
        .map(r => r.id)
        .join(', ')}); a fleet has at most one primary`,
    );
  }
  return {
    name: fleetName,
    storage: oneOf(config.getString('storage'), STORAGE, `${key}.storage`),
    regions,
  };
}

function readUrl(value: string, key: string, example: string): string {
  try {
    // eslint-disable-next-line no-new
    new URL(value);
  } catch {
    throw new InputError(
      `${key} is '${value}', which is not a URL; use e.g. ${example}`,
    );
  }
  return value;
}

function readPrometheus(
  config: Config | undefined,
): PrometheusSettings | undefined {
  if (!config) return undefined;
  const url = readUrl(
    config.getString('url'),
    'inferadb.health.prometheus.url',
    'http://prometheus:9090',
  );
  const regionLabel = config.getOptionalString('regionLabel');
  if (regionLabel !== undefined && !LABEL.test(regionLabel)) {
    throw new InputError(
      `inferadb.health.prometheus.regionLabel is '${regionLabel}', which is not a Prometheus label name`,
    );
  }
  return { url: url.replace(/\/+$/, ''), regionLabel };
}

function readConcurrency(config: Config | undefined): UpstreamLimits {
  const limits = { ...DEFAULT_CONCURRENCY };
  for (const k of Object.keys(limits) as Array<keyof UpstreamLimits>) {
    const v = config?.getOptionalNumber(k);
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < 1) {
      throw new InputError(
        `inferadb.health.concurrency.${k} must be a whole number >= 1, got ${v}`,
      );
    }
    limits[k] = v;
  }
  return limits;
}

function readMetrics(
  config: Config | undefined,
): Record<StorageKind, HealthMetrics> {
  const metrics: Record<StorageKind, HealthMetrics> = JSON.parse(
    JSON.stringify(DEFAULT_METRICS),
  );
  if (!config) return metrics;
  const aliases = config.getOptionalConfig('aliases');
  for (const perKind of Object.values(metrics)) {
    for (const k of Object.keys(perKind) as Array<keyof HealthMetrics>) {
      const q: MetricQuery = perKind[k];
      const query = config.getOptionalString(k);
      if (query !== undefined) q.query = query || undefined;
      const a = aliases?.getOptionalStringArray(k);
      if (a !== undefined) q.aliases = a;
    }
  }
  return metrics;
}

function durationMs(config: Config, key: string, fallback: number) {
  if (!config.has(key)) return fallback;
  const ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  if (!(ms > 0)) {
    throw new InputError(`inferadb.health.${key} must be longer than zero`);
  }
  return ms;
}

/**
 * Reads and checks `inferadb.fleets` and `inferadb.health`. Errors name the field and the
 * fix, and nothing starts with a half-read configuration.
 */
export function readHealthConfig(config: Config): HealthConfig {
  const clusterNames = config
    .getOptionalConfigArray('inferadb.clusters')
    ?.map(c => c.getString('name'));
  const clusters = clusterNames ? new Set(clusterNames) : undefined;
  const entries = config.getOptionalConfigArray('inferadb.fleets') ?? [];
  // An entry naming a fleet file holds no facts of its own: the file has them.
  const fleetFiles = entries.flatMap((f, i) =>
    f.has('fleetFile')
      ? [
          readUrl(
            f.getString('fleetFile'),
            `inferadb.fleets[${i}].fleetFile`,
            'https://github.com/acme/deploy/blob/main/fleet.yaml',
          ),
        ]
      : [],
  );
  const fleets = entries.flatMap((f, i) =>
    f.has('fleetFile') ? [] : [readFleet(f, `inferadb.fleets[${i}]`, clusters)],
  );
  const fleetNames = new Set<string>();
  for (const f of fleets) {
    if (fleetNames.has(f.name)) {
      throw new InputError(
        `inferadb.fleets has fleet '${f.name}' twice; fleet names must be unique`,
      );
    }
    fleetNames.add(f.name);
  }
  const health =
    config.getOptionalConfig('inferadb.health') ?? new ConfigReader({});
  const t = health.getOptionalConfig('thresholds');
  const thresholds = { ...DEFAULT_THRESHOLDS };
  for (const k of Object.keys(thresholds) as Array<keyof typeof thresholds>) {
    const v = t?.getOptionalNumber(k);
    if (v !== undefined) {
      if (!(v >= 0)) {
        throw new InputError(
          `inferadb.health.thresholds.${k} must be a number >= 0, got ${v}`,
        );
      }
      thresholds[k] = v;
    }
  }
  const wholeNumber = (key: string, fallback: number) => {
    const value = health.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(value) || value < 1) {
      throw new InputError(
        `inferadb.health.${key} must be a whole number >= 1, got ${value}`,
      );
    }
    return value;
  };
  const historyLimit = wholeNumber('historyLimit', 2880);
  return {
    fleets,
    fleetFiles,
    concurrency: readConcurrency(health.getOptionalConfig('concurrency')),
    prometheus: readPrometheus(health.getOptionalConfig('prometheus')),
    refreshIntervalMs: durationMs(health, 'refreshInterval', 30_000),
    sourceTimeoutMs: durationMs(health, 'sourceTimeout', 5_000),
    historyLimit,
    shards: wholeNumber('shards', 1),
    collectInWorker: health.getOptionalBoolean('collectInWorker') ?? false,
    thresholds,
    metrics: readMetrics(health.getOptionalConfig('metrics')),
  };
}
