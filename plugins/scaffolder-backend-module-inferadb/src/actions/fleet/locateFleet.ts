import type { Config } from '@backstage/config';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  Fleet,
  fleetFileUrlOf,
} from '@inferadb-regions/plugin-inferadb-common';
import {
  fleetFileText,
  formatProblems,
  readFleetFile,
} from '@inferadb-regions/plugin-inferadb-node';
import { refusalsAsMessages } from '../refusals';

export const LOCATE_FLEET_ACTION_ID = 'inferadb:fleet:locate';

const examples = [
  {
    description:
      "Find the chosen fleet's deployment repository, folder and storage",
    example: `steps:
  - id: locate
    action: ${LOCATE_FLEET_ACTION_ID}
    name: Find the fleet's deployment repository
    input:
      fleet: system:default/inferadb-demo
`,
  },
  {
    description:
      "Also find one region's Kubernetes cluster and namespace, e.g. for a key rotation",
    example: `steps:
  - id: locate
    action: ${LOCATE_FLEET_ACTION_ID}
    name: Find the region in the fleet file
    input:
      fleet: system:default/inferadb-demo
      region: eu-central-1
`,
  },
];

/** One region as a template needs it, from the fleet file. */
export function fleetRegion(fleet: Fleet, url: string, id: string) {
  const region = fleet.spec.regions.find(r => r.id === id);
  if (!region) {
    throw new InputError(
      `fleet ${
        fleet.metadata.name
      } has no region ${id} in ${url} (its regions: ${fleet.spec.regions
        .map(r => r.id)
        .join(
          ', ',
        )}): choose one of those, or merge the pull request that adds it first`,
    );
  }
  return {
    id: region.id,
    role: region.role,
    cluster: region.cluster,
    namespace: region.namespace,
  };
}

/** Where a fleet file lives in its repository, from a blob URL. */
export function repositoryOf(url: string) {
  const match =
    /^(https?):\/\/([^/]+)\/([^/]+)\/([^/]+)\/(?:blob|tree)\/([^/]+)\/(?:(.+)\/)?fleet\.yaml$/.exec(
      url,
    );
  if (!match) {
    throw new InputError(
      `fleet file ${url} is not a file of a repository (https://<host>/<owner>/<repo>/blob/<branch>/<folder>/fleet.yaml): fix inferadb.io/fleet-file of the fleet's System`,
    );
  }
  const [, scheme, host, owner, repo, branch, folder = ''] = match;
  return {
    repoUrl: `${host}?owner=${encodeURIComponent(
      owner,
    )}&repo=${encodeURIComponent(repo)}`,
    repositoryUrl: `${scheme}://${host}/${owner}/${repo}`,
    branch,
    fleetPath: folder || '.',
  };
}

/**
 * `inferadb:fleet:locate`: reads the chosen fleet's System from the catalog and its fleet
 * file through the URL reader, so a template learns the deployment repository, the fleet
 * folder and the storage from the fleet rather than asking for them.
 */
/**
 * Refuses a repository host the portal cannot open pull requests on: the template's
 * `publish:github:pull-request` needs an `integrations.github` entry for it (github.com
 * has one by default), and without one fails later with an unrelated-looking error.
 */
export function checkGithubIntegration(config: Config, host: string) {
  const hosts = (
    config.getOptionalConfigArray('integrations.github') ?? []
  ).map(c => c.getOptionalString('host') ?? 'github.com');
  if (host === 'github.com' || hosts.includes(host)) return;
  throw new InputError(
    `the fleet's repository is on ${host}, which has no integrations.github entry in app-config${
      hosts.length ? ` (it has ${hosts.join(', ')})` : ''
    }: add one with host ${host} and a token, so the pull request can be opened there`,
  );
}

export function createLocateFleetAction(options: {
  catalog: CatalogService;
  reader: UrlReaderService;
  config: Config;
}) {
  return createTemplateAction({
    id: LOCATE_FLEET_ACTION_ID,
    description:
      "Finds a fleet's deployment repository from its catalog System (inferadb.io/fleet-file) and reads its fleet file. Inputs: fleet (entity ref of the System), optional region (a region id). Outputs: repoUrl (host?owner=&repo=, for publish actions), repositoryUrl (https://host/owner/repo, for fetch:plain), branch, fleetPath (folder of fleet.yaml), fleetFileUrl, storage, and with region: region (id, role, cluster, namespace; fails if the fleet has no such region).",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        fleet: z =>
          z
            .string()
            .describe('Entity ref of the fleet System, e.g. system:default/x'),
        region: z =>
          z
            .string()
            .optional()
            .describe(
              'A region id: its cluster and namespace are output as region',
            ),
      },
      output: {
        repoUrl: z =>
          z.string().describe('The repository as host?owner=&repo='),
        repositoryUrl: z =>
          z.string().describe('The repository as https://host/owner/repo'),
        branch: z => z.string().describe('Branch the fleet file is read from'),
        fleetPath: z =>
          z.string().describe("Folder of fleet.yaml in the repository ('.')"),
        fleetFileUrl: z => z.string().describe('URL of the fleet file'),
        storage: z =>
          z.string().describe("The fleet's storage: foundationdb or ledger"),
        region: z =>
          z
            .object({
              id: z.string(),
              role: z.string(),
              cluster: z.string(),
              namespace: z.string(),
            })
            .optional()
            .describe(
              'The region given as input, from the fleet file: role, Kubernetes cluster (its name in inferadb.clusters) and namespace',
            ),
      },
    },
    async handler(ctx) {
      await refusalsAsMessages(async () => {
        const entity = await options.catalog.getEntityByRef(ctx.input.fleet, {
          credentials: await ctx.getInitiatorCredentials(),
        });
        if (!entity) {
          throw new NotFoundError(
            `fleet ${ctx.input.fleet} is not in the catalog: register the catalog-info.yaml beside its fleet.yaml`,
          );
        }
        const url = fleetFileUrlOf(entity);
        const repository = repositoryOf(url);
        checkGithubIntegration(options.config, new URL(url).host);
        const response = await options.reader.readUrl(url);
        const reading = readFleetFile(await fleetFileText(response));
        if (!reading.fleet) {
          throw new InputError(
            `fleet file ${url} cannot be used:\n${formatProblems(
              reading.problems.map(p => ({
                ...p,
                field: p.line ? `line ${p.line}: ${p.field}` : p.field,
              })),
            )}`,
          );
        }
        ctx.logger.info(
          `Fleet ${reading.fleet.metadata.name} (${reading.fleet.spec.storage.type}) is ${url}`,
        );
        const region = ctx.input.region
          ? fleetRegion(reading.fleet, url, ctx.input.region)
          : undefined;
        ctx.output('repoUrl', repository.repoUrl);
        ctx.output('repositoryUrl', repository.repositoryUrl);
        ctx.output('branch', repository.branch);
        ctx.output('fleetPath', repository.fleetPath);
        ctx.output('fleetFileUrl', url);
        ctx.output('storage', reading.fleet.spec.storage.type);
        if (region) ctx.output('region', region);
      });
    },
  });
}
