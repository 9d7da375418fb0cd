import { promises as fs } from 'fs';
import { join } from 'path';
import { Document, isMap, isSeq, parseDocument } from 'yaml';
import {
  FLEET_API_VERSION,
  FLEET_KIND,
  Fleet,
  FleetInput,
  FleetRegionInput,
  WorkloadSize,
  MAX_FLEET_FILE_BYTES,
} from '@inferadb-regions/plugin-inferadb-common';
import { NotFoundError } from '@backstage/errors';
import { FileChange, computeChanges, writeChanges } from './changes';
import { insideFleetFolder } from './fleetFolder';
import { tooLargeMessage } from './fleetFileText';
import { FLEET_FILE, regionFiles } from './layout';
import { RegionMeshKey, newMeshKeys } from './mesh';
import { FleetPlan, buildPlan } from './plan';
import { FleetProblem, FleetValidationError } from './problems';
import { renderFleet } from './render';
import { fdbStages } from './stages';
import { validateFleet } from './validate';

/**
 * Options of every operation that may write.
 *
 * @public
 */
export interface FleetChangeOptions {
  /** Compute and return the plan, write nothing. */
  dryRun?: boolean;
}

/**
 * The outcome of a fleet change.
 *
 * @public
 */
export interface FleetChangeResult {
  fleet: Fleet;
  plan: FleetPlan;
  /** Paths created, changed or deleted, relative to the fleet directory. */
  changedPaths: string[];
  /** The deleted ones among them (a publishing step must be told of deletions). */
  deletedPaths: string[];
  /** False in a dry run. */
  written: boolean;
  warnings: FleetProblem[];
  /** For region additions: the new region's catalog-info.yaml, relative to the fleet directory. */
  regionEntityPath?: string;
  /** Tailscale auth keys the change calls for (the new region's, and existing ones'). */
  tailscaleKeys: RegionMeshKey[];
}

/** Drops keys whose value is undefined, so they never reach fleet.yaml. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

/**
 * A fleet folder's `fleet.yaml`, as a YAML document (comments kept) and as a fleet.
 *
 * @public
 */
export interface LoadedFleet {
  doc: Document;
  fleet: Fleet;
}

async function readFleetText(dir: string): Promise<string> {
  try {
    const path = await insideFleetFolder(dir, FLEET_FILE);
    const { size } = await fs.stat(path);
    if (size > MAX_FLEET_FILE_BYTES) {
      throw new FleetValidationError(
        [{ field: FLEET_FILE, message: tooLargeMessage(size) }],
        `${FLEET_FILE} cannot be read`,
      );
    }
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new NotFoundError(
        `No ${FLEET_FILE} in ${dir}: point --dir at the folder holding the fleet file, or create one with inferadb-regions init`,
      );
    }
    throw error;
  }
}

function parseFleetText(text: string): Document {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new FleetValidationError(
      doc.errors.map(e => ({
        field: FLEET_FILE,
        message: `is not valid YAML: ${e.message}`,
      })),
      `${FLEET_FILE} cannot be read`,
    );
  }
  return doc;
}

function validOrThrow(
  doc: Document,
  what: string,
): { fleet: Fleet; warnings: FleetProblem[] } {
  const result = validateFleet(doc.toJS());
  if (!result.fleet || result.problems.length > 0) {
    throw new FleetValidationError(result.problems, what);
  }
  return { fleet: result.fleet, warnings: result.warnings };
}

/**
 * Reads and validates the fleet file of a directory.
 *
 * @public
 */
export async function loadFleet(dir: string): Promise<LoadedFleet> {
  const doc = parseFleetText(await readFleetText(dir));
  return { doc, fleet: validOrThrow(doc, `${FLEET_FILE} is invalid`).fleet };
}

async function applyFleet(
  dir: string,
  options: FleetChangeOptions & {
    before?: Fleet;
    doc: Document;
    title: string;
    summary: string[];
    what: string;
    fleetChanges: boolean;
  },
): Promise<FleetChangeResult> {
  const { fleet, warnings } = validOrThrow(options.doc, options.what);
  const fleetText = options.fleetChanges
    ? options.doc.toString({ lineWidth: 0 })
    : undefined;
  const { changes, problems } = await computeChanges(
    dir,
    renderFleet(fleet),
    fleetText,
  );
  if (problems.length > 0) {
    throw new FleetValidationError(
      problems,
      `${options.what}: generated files are in the way`,
    );
  }
  const plan = buildPlan({
    title: options.title,
    summary: options.summary,
    changes,
    stages: fdbStages(options.before, fleet),
    warnings,
  });
  // The whole plan is written with the files it describes, so the pull request carries it.
  const written = plan.fullPlan
    ? [
        ...changes,
        {
          path: plan.fullPlan.path,
          kind: 'create' as const,
          after: plan.fullPlan.markdown,
        },
      ]
    : changes;
  if (!options.dryRun) {
    await writeChanges(dir, written);
  }
  return {
    fleet,
    plan,
    tailscaleKeys: newMeshKeys(options.before, fleet),
    changedPaths: written.map(c => c.path),
    deletedPaths: changes.filter(c => c.kind === 'delete').map(c => c.path),
    written: !options.dryRun,
    warnings,
  };
}

/**
 * What `init` needs to start a fleet.
 *
 * @public
 */
export interface InitFleetRequest {
  name: string;
  storage: 'foundationdb' | 'ledger';
  owner?: string;
  primary: Omit<FleetRegionInput, 'role'>;
}

/**
 * Creates fleet.yaml with its primary region and renders every file.
 *
 * @public
 */
export async function initFleet(
  dir: string,
  request: InitFleetRequest,
  options: FleetChangeOptions = {},
): Promise<FleetChangeResult> {
  const exists = await fs
    .stat(join(dir, FLEET_FILE))
    .then(() => true)
    .catch(() => false);
  if (exists) {
    throw new FleetValidationError(
      [
        {
          field: FLEET_FILE,
          message: `already exists in ${dir}: use add-region, or choose another --dir`,
        },
      ],
      'Cannot init the fleet',
    );
  }
  const input: FleetInput = {
    apiVersion: FLEET_API_VERSION,
    kind: FLEET_KIND,
    metadata: { name: request.name },
    spec: {
      ...(request.owner ? { owner: request.owner } : {}),
      storage: { type: request.storage },
      // id and role lead, so the fleet file reads naturally.
      regions: [
        {
          ...withoutUndefined({
            id: request.primary.id,
            role: 'primary' as const,
          }),
          ...withoutUndefined(request.primary),
        },
      ],
    },
  };
  const doc = new Document(input);
  doc.commentBefore =
    ' InferaDB fleet: the source of truth of this deployment repository.\n Edit it, or use inferadb-regions add-region/remove-region, then inferadb-regions render.';
  const result = await applyFleet(dir, {
    ...options,
    doc,
    fleetChanges: true,
    title: `Create fleet ${request.name} with primary region ${request.primary.id}`,
    summary: [
      `Storage: ${request.storage}.`,
      `Primary region ${request.primary.id} on Kubernetes cluster ${request.primary.cluster}.`,
    ],
    what: 'Cannot init the fleet',
  });
  return {
    ...result,
    regionEntityPath: regionFiles(request.primary.id).catalogInfo,
  };
}

/**
 * A region to add, with an optional connection string the new data centers join.
 *
 * @public
 */
export interface AddRegionRequest {
  region: FleetRegionInput;
  /** FDB: the existing cluster's connection string (ConfigMap `<cluster>-config`). */
  seedConnectionString?: string;
}

function regionsNode(doc: Document) {
  const regions = doc.getIn(['spec', 'regions']);
  if (!isSeq(regions)) {
    throw new FleetValidationError(
      [{ field: 'spec.regions', message: 'must be a list of regions' }],
      `${FLEET_FILE} is invalid`,
    );
  }
  return regions;
}

/**
 * Adds a region to the fleet and updates every file it touches.
 *
 * @public
 */
export async function addRegion(
  dir: string,
  request: AddRegionRequest,
  options: FleetChangeOptions = {},
): Promise<FleetChangeResult> {
  const { doc, fleet: before } = await loadFleet(dir);
  const region = withoutUndefined(request.region);
  regionsNode(doc).add(doc.createNode(region));
  if (request.seedConnectionString) {
    doc.setIn(
      ['spec', 'storage', 'seedConnectionString'],
      request.seedConnectionString,
    );
  }
  const workload: WorkloadSize = region.workload ?? 'small';
  const result = await applyFleet(dir, {
    ...options,
    before,
    doc,
    fleetChanges: true,
    title: `Add ${region.role} region ${region.id} to fleet ${before.metadata.name}`,
    summary: [
      `Region ${region.id} (${
        region.role
      }, workload ${workload}) on Kubernetes cluster ${
        region.cluster
      }, namespace ${region.namespace ?? 'inferadb'}.`,
      `Existing regions updated: ${before.spec.regions
        .map(r => r.id)
        .join(', ')} (tailnet sidecars and routers${
        before.spec.storage.type === 'foundationdb' && region.role !== 'replica'
          ? ', FDB regions and satellites'
          : ''
      }).`,
      'Tailscale auth keys (one per workload and region, in Secrets tailscale-auth-<role>, key authkey) are created separately and never written here.',
    ],
    what: `Cannot add region ${region.id}`,
  });
  return { ...result, regionEntityPath: regionFiles(region.id).catalogInfo };
}

/**
 * Removes a region and reverses what adding it changed.
 *
 * @public
 */
export async function removeRegion(
  dir: string,
  regionId: string,
  options: FleetChangeOptions = {},
): Promise<FleetChangeResult> {
  const { doc, fleet: before } = await loadFleet(dir);
  const index = before.spec.regions.findIndex(r => r.id === regionId);
  const what = `Cannot remove region ${regionId}`;
  if (index < 0) {
    throw new FleetValidationError(
      [
        {
          field: 'id',
          message: `no region ${regionId} in fleet ${
            before.metadata.name
          }: choose one of ${before.spec.regions.map(r => r.id).join(', ')}`,
        },
      ],
      what,
    );
  }
  const region = before.spec.regions[index];
  if (region.role === 'primary') {
    throw new FleetValidationError(
      [
        {
          field: `spec.regions[${index}].role`,
          message: `${regionId} is the primary: fail over and make another region primary in fleet.yaml before removing it`,
        },
      ],
      what,
    );
  }
  const regions = regionsNode(doc);
  const node = regions.items[index];
  if (!isMap(node)) {
    throw new FleetValidationError(
      [{ field: `spec.regions[${index}]`, message: 'must be a mapping' }],
      what,
    );
  }
  regions.delete(index);
  return applyFleet(dir, {
    ...options,
    before,
    doc,
    fleetChanges: true,
    title: `Remove ${region.role} region ${regionId} from fleet ${before.metadata.name}`,
    summary: [
      `Region ${regionId} (${region.role}) on Kubernetes cluster ${region.cluster} leaves the fleet; its files are deleted.`,
      'Revoke its Tailscale auth key and delete Secret tailscale-auth in its namespace once its workloads are gone.',
    ],
    what,
  });
}

/**
 * Regenerates every file from the fleet file.
 *
 * @public
 */
export async function renderFleetDirectory(
  dir: string,
  options: FleetChangeOptions = {},
): Promise<FleetChangeResult> {
  const { doc, fleet } = await loadFleet(dir);
  return applyFleet(dir, {
    ...options,
    doc,
    fleetChanges: false,
    title: `Render fleet ${fleet.metadata.name}`,
    summary: [
      `${fleet.spec.regions.length} region(s): ${fleet.spec.regions
        .map(r => `${r.id} (${r.role})`)
        .join(', ')}.`,
    ],
    what: 'Cannot render the fleet',
  });
}

/**
 * Result of validating a fleet directory.
 *
 * @public
 */
export interface FleetDirectoryValidation {
  fleet?: Fleet;
  problems: FleetProblem[];
  warnings: FleetProblem[];
}

/**
 * Checks the fleet file against every rule, and the generated files against it: hand
 * edits and files out of date with fleet.yaml are problems (for the repository's own CI).
 *
 * @public
 */
export async function validateFleetDirectory(
  dir: string,
): Promise<FleetDirectoryValidation> {
  const doc = parseFleetText(await readFleetText(dir));
  const result = validateFleet(doc.toJS());
  if (!result.fleet || result.problems.length > 0) {
    return { problems: result.problems, warnings: result.warnings };
  }
  const { changes, problems } = await computeChanges(
    dir,
    renderFleet(result.fleet),
  );
  const wrong: Record<FileChange['kind'], string> = {
    create: 'is missing',
    delete: 'belongs to no region of fleet.yaml any more',
    update: 'is out of date with fleet.yaml',
  };
  for (const change of changes) {
    problems.push({
      field: change.path,
      message: `${
        wrong[change.kind]
      }: run inferadb-regions render and commit the result`,
    });
  }
  return { fleet: result.fleet, problems, warnings: result.warnings };
}
