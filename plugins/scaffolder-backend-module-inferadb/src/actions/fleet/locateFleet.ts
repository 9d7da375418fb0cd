import type { Config } from '@backstage/config';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { fleetFileUrlOf } from '@inferadb-regions/plugin-inferadb-common';
import {
  fleetFileText,
  formatProblems,
  readFleetFile,
} from '@inferadb-regions/plugin-inferadb-node';

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
];

/** Where a fleet file lives in its repository, from a blob URL. */
export function repositoryOf(url: string) {
  const match =
    /^https?:\/\/([^/]+)\/([^/]+)\/([^/]+)\/(?:blob|tree)\/([^/]+)\/(?:(.+)\/)?fleet\.yaml$/.exec(
      url,
    );
  if (!match) {
    throw new InputError(
      `fleet file ${url} is not a file of a repository (https://<host>/<owner>/<repo>/blob/<branch>/<folder>/fleet.yaml): fix inferadb.io/fleet-file of the fleet's System`,
    );
  }
  const [, host, owner, repo, branch, folder = ''] = match;
  return {
    repoUrl: `${host}?owner=${encodeURIComponent(
      owner,
    )}&repo=${encodeURIComponent(repo)}`,
    repositoryUrl: `https://${host}/${owner}/${repo}`,
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
      "Finds a fleet's deployment repository from its catalog System (inferadb.io/fleet-file) and reads its fleet file. Input: fleet (entity ref of the System). Outputs: repoUrl (host?owner=&repo=, for publish actions), repositoryUrl (https://host/owner/repo, for fetch:plain), branch, fleetPath (folder of fleet.yaml), fleetFileUrl, storage.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        fleet: z =>
          z
            .string()
            .describe('Entity ref of the fleet System, e.g. system:default/x'),
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
      },
    },
    async handler(ctx) {
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
      ctx.output('repoUrl', repository.repoUrl);
      ctx.output('repositoryUrl', repository.repositoryUrl);
      ctx.output('branch', repository.branch);
      ctx.output('fleetPath', repository.fleetPath);
      ctx.output('fleetFileUrl', url);
      ctx.output('storage', reading.fleet.spec.storage.type);
    },
  });
}
