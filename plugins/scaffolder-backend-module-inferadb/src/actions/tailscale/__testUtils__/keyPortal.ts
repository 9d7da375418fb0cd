import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import type { PermissionPolicy } from '@backstage/plugin-permission-node';
import {
  createScaffolderActionConditionalDecision,
  scaffolderActionConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import {
  KubernetesEmulator,
  startKubernetesEmulator,
  startTailscaleEmulator,
  TailscaleEmulator,
} from '@internal/inferadb-emulators';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { stringify } from 'yaml';
import { CREATE_AUTH_KEY_ACTION_ID, ROTATE_AUTH_KEY_ACTION_ID } from '..';

/** How a finished task looked through the scaffolder's REST API. */
export interface TaskRun {
  id: string;
  status: string;
  /** Every event of the task as the API served it (logs, step states, completion). */
  events: any[];
  log: string[];
  output: Record<string, any>;
  /** The task as `GET /v2/tasks/:id` served it. */
  task: any;
  /** Step id to its last reported status. */
  steps: Record<string, string>;
}

export interface KeyPortal {
  ts: TailscaleEmulator;
  kube: KubernetesEmulator;
  http: request.Agent;
  /** Every line the backend logged (message and metadata as JSON). */
  logs: string[];
  /** Contents of every workspace file, captured by a step after the key steps. */
  workspaceFiles: Array<{ path: string; content: string }>;
  /** Where the backend's SQLite databases (one file per plugin) live. */
  databaseDir: string;
  run(
    template: string,
    values: Record<string, unknown>,
    user?: string,
  ): Promise<TaskRun>;
  /** `POST /v2/dry-run` with an inline template. */
  dryRun(
    template: unknown,
    values: Record<string, unknown>,
  ): Promise<{ status: number; body: any }>;
  retry(taskId: string, user?: string): Promise<TaskRun>;
  stop(): Promise<void>;
}

export interface KeyPortalOptions {
  /** How the portal authenticates to Tailscale (default: an API access token). */
  tailscaleAuth?: 'apiKey' | 'oauth';
  /** Users for whom the permission policy denies the Tailscale actions. */
  deniedUsers?: string[];
}

export const CLUSTER = 'demo-us-west-1';
export const NAMESPACE = 'inferadb';

/** A backend logger that records every line so tests can search it. */
function capturingLogger(lines: string[]): LoggerService {
  const make = (meta: object): LoggerService => {
    const log = (level: string) => (message: string, extra?: unknown) => {
      let rendered = '';
      try {
        rendered = JSON.stringify({ ...meta, ...(extra as object) }, (_k, v) =>
          v instanceof Error
            ? { name: v.name, message: v.message, stack: v.stack }
            : v,
        );
      } catch {
        rendered = String(extra);
      }
      lines.push(`${level} ${message} ${rendered}`);
    };
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: (m: object) => make({ ...meta, ...m }),
    } as LoggerService;
  };
  return make({});
}

/** Templates the tests run: a key action, then a step that records the workspace. */
function templates() {
  const template = (name: string, action: string, failAfterKey: boolean) => ({
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name, title: name },
    spec: {
      owner: 'group:default/platform',
      type: 'service',
      parameters: [
        {
          type: 'object',
          required: ['region', 'cluster'],
          properties: {
            region: { type: 'string' },
            cluster: { type: 'string' },
            namespace: { type: 'string', default: NAMESPACE },
            tags: { type: 'array', items: { type: 'string' } },
            expiryDays: { type: 'number', default: 90 },
            secretName: { type: 'string' },
            ephemeral: { type: 'boolean' },
          },
        },
      ],
      steps: [
        {
          id: 'key',
          name: 'Tailscale auth key',
          action,
          input: {
            region: '${{ parameters.region }}',
            cluster: '${{ parameters.cluster }}',
            namespace: '${{ parameters.namespace }}',
            tags: '${{ parameters.tags }}',
            expiryDays: '${{ parameters.expiryDays }}',
            secretName: '${{ parameters.secretName }}',
            ephemeral: '${{ parameters.ephemeral }}',
          },
        },
        {
          id: 'notes',
          name: 'Write what the key step said into the workspace',
          action: 'test:write-and-capture',
          input: {
            text: '${{ steps.key.output | dump }}',
            failFirstTime: failAfterKey,
          },
        },
      ],
      output: {
        keyId: '${{ steps.key.output.keyId }}',
        expires: '${{ steps.key.output.expires }}',
        secret: '${{ steps.key.output.secret }}',
      },
    },
  });
  return [
    template('create-key', CREATE_AUTH_KEY_ACTION_ID, false),
    template('rotate-key', ROTATE_AUTH_KEY_ACTION_ID, false),
    template('create-key-then-fail-once', CREATE_AUTH_KEY_ACTION_ID, true),
  ];
}

async function readTree(
  root: string,
): Promise<Array<{ path: string; content: string }>> {
  const out: Array<{ path: string; content: string }> = [];
  const walk = async (dir: string) => {
    for (const entry of await fs
      .readdir(dir, { withFileTypes: true })
      .catch(() => [])) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out.push({ path: full, content: await fs.readFile(full, 'latin1') });
    }
  };
  await walk(root);
  return out;
}

/**
 * A real Backstage backend (catalog, scaffolder, this module, optionally the permission
 * backend with a policy) configured against loopback Tailscale and Kubernetes emulators.
 */
export async function startKeyPortal(
  options: KeyPortalOptions = {},
): Promise<KeyPortal> {
  const ts = await startTailscaleEmulator({
    tagOwners: {
      'tag:inferadb': [],
      'tag:inferadb-us-west-1': ['tag:inferadb'],
      'tag:inferadb-eu-central-1': ['tag:inferadb'],
      'tag:fdb': ['tag:inferadb'],
      'tag:other-team': [],
    },
  });
  const kube = await startKubernetesEmulator();
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'inferadb-keys-'));
  const databaseDir = path.join(root, 'db');
  await fs.mkdir(path.join(root, 'work'));
  const templateFile = path.join(root, 'templates.yaml');
  await fs.writeFile(
    templateFile,
    templates()
      .map(t => stringify(t))
      .join('---\n'),
  );
  const logs: string[] = [];
  const workspaceFiles: Array<{ path: string; content: string }> = [];
  const failedOnce = new Set<string>();

  const captureModule = createBackendModule({
    pluginId: 'scaffolder',
    moduleId: 'key-test-capture',
    register(env) {
      env.registerInit({
        deps: { scaffolder: scaffolderActionsExtensionPoint },
        async init({ scaffolder }) {
          scaffolder.addActions(
            createTemplateAction({
              id: 'test:write-and-capture',
              schema: {
                input: {
                  text: z => z.string(),
                  failFirstTime: z => z.boolean().optional(),
                },
              },
              async handler(ctx) {
                await fs.writeFile(
                  path.join(ctx.workspacePath, 'key-step.txt'),
                  ctx.input.text,
                );
                workspaceFiles.push(...(await readTree(ctx.workspacePath)));
                if (ctx.input.failFirstTime && !failedOnce.has(ctx.task.id)) {
                  failedOnce.add(ctx.task.id);
                  throw new Error('a later step failed (test)');
                }
              },
            }),
          );
        },
      });
    },
  });

  const denied = new Set(options.deniedUsers ?? []);
  // the operator's rule: these users may run any action but the Tailscale ones
  const policy: PermissionPolicy = {
    async handle(req, user) {
      if (
        isResourcePermission(req.permission, 'scaffolder-action') &&
        req.permission.name === 'scaffolder.action.execute' &&
        user?.info.userEntityRef &&
        denied.has(user.info.userEntityRef)
      ) {
        return createScaffolderActionConditionalDecision(req.permission, {
          not: {
            anyOf: [
              scaffolderActionConditions.hasActionId({
                actionId: CREATE_AUTH_KEY_ACTION_ID,
              }),
              scaffolderActionConditions.hasActionId({
                actionId: ROTATE_AUTH_KEY_ACTION_ID,
              }),
            ],
          },
        });
      }
      return { result: AuthorizeResult.ALLOW };
    },
  };
  // The permission backend refuses resource checks from users without an `actor`,
  // which the test backend's mock tokens never carry; so the permissions service
  // asks the same policy in-process, as the permission backend would.
  const policyPermissions = createServiceFactory({
    service: coreServices.permissions,
    deps: { auth: coreServices.auth, userInfo: coreServices.userInfo },
    factory({ auth, userInfo }) {
      const userOf = async (credentials: any) =>
        auth.isPrincipal(credentials, 'user')
          ? { credentials, info: await userInfo.getUserInfo(credentials) }
          : undefined;
      const service: PermissionsService = {
        async authorizeConditional(requests, { credentials }) {
          const user = await userOf(credentials);
          return Promise.all(
            requests.map(r =>
              policy.handle({ permission: r.permission }, user),
            ),
          );
        },
        async authorize(requests, { credentials }) {
          const user = await userOf(credentials);
          return Promise.all(
            requests.map(async r => {
              const decision = await policy.handle(
                { permission: r.permission },
                user,
              );
              return {
                result:
                  decision.result === AuthorizeResult.ALLOW
                    ? AuthorizeResult.ALLOW
                    : AuthorizeResult.DENY,
              };
            }),
          );
        },
      };
      return service;
    },
  });

  const tailscale =
    options.tailscaleAuth === 'oauth'
      ? {
          oauth: {
            clientId: ts.oauthClient.clientId,
            clientSecret: ts.oauthClient.clientSecret,
          },
        }
      : { apiKey: ts.apiKey };

  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: 'http://127.0.0.1',
            database: {
              client: 'better-sqlite3',
              connection: { directory: databaseDir },
            },
            workingDirectory: path.join(root, 'work'),
          },
          permission: { enabled: Boolean(options.deniedUsers) },
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [
              {
                allow: [
                  'Template',
                  'Location',
                  'Group',
                  'User',
                  'Resource',
                  'System',
                  'Component',
                ],
              },
            ],
            locations: [templateFile].map(target => ({
              type: 'file',
              target,
            })),
          },
          inferadb: {
            clusters: [
              {
                name: CLUSTER,
                url: kube.url,
                skipTLSVerify: true,
                serviceAccountToken: kube.token,
              },
            ],
            tailscale: { tailnet: '-', baseUrl: ts.url, ...tailscale },
          },
        },
      }),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => capturingLogger(logs) as any,
      }),
      databaseServiceFactory,
      ...(options.deniedUsers ? [policyPermissions] : []),
      import('@backstage/plugin-catalog-backend'),
      import(
        '@backstage/plugin-catalog-backend-module-scaffolder-entity-model'
      ),
      import('@backstage/plugin-scaffolder-backend'),
      import('../../../index'),
      captureModule,
    ],
  });
  const http = request.agent(backend.server);
  const auth = (user?: string) => mockCredentials.user.header(user);

  // the catalog reads the template file on its own schedule
  const deadline = Date.now() + 30_000;
  for (const entity of ['template/default/create-key']) {
    for (;;) {
      const res = await http
        .get(`/api/catalog/entities/by-name/${entity}`)
        .set('authorization', auth());
      if (res.status === 200) break;
      if (Date.now() > deadline) {
        throw new Error(
          `the catalog never served the test templates: ${
            res.status
          } ${JSON.stringify(res.body)}; backend errors:\n${logs
            .filter(l => l.startsWith('error') || l.startsWith('warn'))
            .slice(-5)
            .join('\n')}`,
        );
      }
      await new Promise(r => setTimeout(r, 200));
    }
  }

  const wait = async (id: string, user?: string): Promise<TaskRun> => {
    for (;;) {
      const res = await http
        .get(`/api/scaffolder/v2/tasks/${id}`)
        .set('authorization', auth(user));
      if (['completed', 'failed', 'cancelled'].includes(res.body.status)) {
        const events = (
          await http
            .get(`/api/scaffolder/v2/tasks/${id}/events`)
            .set('authorization', auth(user))
        ).body as any[];
        const steps: Record<string, string> = {};
        for (const e of events) {
          if (e.body?.stepId && e.body?.status)
            steps[e.body.stepId] = e.body.status;
        }
        return {
          id,
          status: res.body.status,
          events,
          task: res.body,
          log: events
            .filter(e => e.type === 'log')
            .map(e => String(e.body.message)),
          output: events.find(e => e.type === 'completion')?.body?.output ?? {},
          steps,
        };
      }
      await new Promise(r => setTimeout(r, 100));
    }
  };

  return {
    ts,
    kube,
    http,
    logs,
    workspaceFiles,
    databaseDir,
    async run(template, values, user) {
      const created = await http
        .post('/api/scaffolder/v2/tasks')
        .set('authorization', auth(user))
        .send({
          templateRef: template.includes(':')
            ? template
            : `template:default/${template}`,
          values,
        });
      if (created.status !== 201) {
        throw new Error(
          `creating the task failed: ${created.status} ${JSON.stringify(
            created.body,
          )}`,
        );
      }
      return wait(created.body.id, user);
    },
    async dryRun(template, values) {
      const res = await http
        .post('/api/scaffolder/v2/dry-run')
        .set('authorization', auth())
        .send({ template, values, secrets: {}, directoryContents: [] });
      return { status: res.status, body: res.body };
    },
    async retry(taskId, user) {
      const res = await http
        .post(`/api/scaffolder/v2/tasks/${taskId}/retry`)
        .set('authorization', auth(user))
        .send({});
      if (res.status !== 201) {
        throw new Error(
          `retrying the task failed: ${res.status} ${JSON.stringify(res.body)}`,
        );
      }
      return wait(taskId, user);
    },
    async stop() {
      await backend.stop();
      await ts.close();
      await kube.close();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}

/** Every file under `dir` (the backend's databases, say) with its raw bytes as text. */
export { readTree };

/** Asserts a task's final status, showing its log when it differs. */
export function expectStatus(run: TaskRun, status: 'completed' | 'failed') {
  if (run.status !== status) {
    throw new Error(
      `task ${run.id} ended ${
        run.status
      }, expected ${status}; log:\n${run.log.join('\n')}`,
    );
  }
}
