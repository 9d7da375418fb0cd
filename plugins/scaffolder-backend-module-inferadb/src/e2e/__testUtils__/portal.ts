import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import request from 'supertest';

/** What a finished scaffolder task looked like through the REST API. */
export interface TaskResult {
  id: string;
  status: 'completed' | 'failed' | 'cancelled';
  output: Record<string, any>;
  /** Every log line of the task, in order. */
  log: string[];
  /** Steps as the task reported them: id to final status. */
  steps: Record<string, string>;
}

/** A real backend with the scaffolder, its GitHub actions, the catalog and our actions. */
export interface Portal {
  http: request.Agent;
  /** Runs a template through `POST /api/scaffolder/v2/tasks` and waits for the end. */
  runTemplate(
    templateRef: string,
    values: Record<string, unknown>,
  ): Promise<TaskResult>;
  /** `POST /api/scaffolder/v2/tasks/:id/retry` (the task page's Retry) and waits for the end. */
  retryTask(id: string): Promise<TaskResult>;
  /** `POST /api/scaffolder/v2/tasks` only: what the form's submit gets back. */
  createTask(
    templateRef: string,
    values: Record<string, unknown>,
  ): Promise<{ status: number; body: any }>;
  /** `POST /api/scaffolder/v2/dry-run` with a template given inline. */
  dryRun(
    template: unknown,
    values: Record<string, unknown>,
    files?: Array<{ path: string; content: string }>,
  ): Promise<{ status: number; body: any }>;
  /** Waits until the catalog serves the entity (or gives up after `timeoutMs`). */
  waitForEntity(ref: string, timeoutMs?: number): Promise<any | undefined>;
  entity(ref: string): Promise<any | undefined>;
  /** Catalog locations registered through the API (not config). */
  locations(): Promise<Array<{ type: string; target: string }>>;
  /** Asks the catalog to process an entity (and what it emits) now. */
  refresh(entityRef: string): Promise<void>;
  /** Registers a catalog location by URL, as a user's "Register existing component". */
  register(target: string): Promise<void>;
  stop(): Promise<void>;
}

const AUTH = mockCredentials.user.header();

/** Starts the backend with `config` (app-config as an object) and the given template files. */
export async function startPortal(options: {
  config: Record<string, unknown>;
  templateLocations: string[];
  features?: BackendFeature[];
}): Promise<Portal> {
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'Resource',
                  'Location',
                  'Template',
                  'Group',
                  'User',
                ],
              },
            ],
            locations: options.templateLocations.map(target => ({
              type: 'file',
              target,
              rules: [{ allow: ['Template', 'Location'] }],
            })),
          },
        },
      }),
      import('@backstage/plugin-catalog-backend'),
      import(
        '@backstage/plugin-catalog-backend-module-scaffolder-entity-model'
      ),
      import('@backstage/plugin-scaffolder-backend'),
      import('@backstage/plugin-scaffolder-backend-module-github'),
      import('../../index'),
      ...(options.features ?? []),
    ],
  });
  const http = request.agent(backend.server);

  const entity = async (ref: string) => {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    const res = await http
      .get(`/api/catalog/entities/by-name/${kind}/${namespace}/${name}`)
      .set('authorization', AUTH);
    return res.status === 200 ? res.body : undefined;
  };

  const waitForEntity = async (ref: string, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await entity(ref);
      if (found || Date.now() > deadline) return found;
      await new Promise(r => setTimeout(r, 250));
    }
  };

  const events = async (id: string): Promise<any[]> => {
    const res = await http
      .get(`/api/scaffolder/v2/tasks/${id}/events`)
      .set('authorization', AUTH);
    return res.body as any[];
  };

  /** Waits for the task's completion; a retry's run starts after its `recovered` event. */
  const waitForTask = async (id: string): Promise<TaskResult> => {
    for (;;) {
      const all = await events(id);
      const recovered = all.map(e => e.type).lastIndexOf('recovered');
      const run = all.slice(recovered + 1);
      const completion = run.find(e => e.type === 'completion');
      if (completion) {
        const task = await http
          .get(`/api/scaffolder/v2/tasks/${id}`)
          .set('authorization', AUTH);
        const steps: Record<string, string> = {};
        for (const e of run) {
          if (e.body?.stepId && e.body?.status) {
            steps[e.body.stepId] = e.body.status;
          }
        }
        return {
          id,
          status: task.body.status,
          output: completion.body?.output ?? {},
          log: run
            .filter(e => e.type === 'log')
            .map(e => String(e.body.message)),
          steps,
        };
      }
      await new Promise(r => setTimeout(r, 200));
    }
  };

  const runTemplate = async (
    templateRef: string,
    values: Record<string, unknown>,
  ): Promise<TaskResult> => {
    const created = await http
      .post('/api/scaffolder/v2/tasks')
      .set('authorization', AUTH)
      .send({ templateRef, values });
    if (created.status !== 201) {
      throw new Error(
        `Creating the task failed: ${created.status} ${JSON.stringify(
          created.body,
        )}`,
      );
    }
    return waitForTask(created.body.id as string);
  };

  return {
    http,
    runTemplate,
    async retryTask(id) {
      const res = await http
        .post(`/api/scaffolder/v2/tasks/${id}/retry`)
        .set('authorization', AUTH)
        .send({});
      if (res.status !== 201) {
        throw new Error(
          `Retrying the task failed: ${res.status} ${JSON.stringify(res.body)}`,
        );
      }
      return waitForTask(id);
    },
    async createTask(templateRef, values) {
      const res = await http
        .post('/api/scaffolder/v2/tasks')
        .set('authorization', AUTH)
        .send({ templateRef, values });
      return { status: res.status, body: res.body };
    },
    async dryRun(template, values, files = []) {
      const res = await http
        .post('/api/scaffolder/v2/dry-run')
        .set('authorization', AUTH)
        .send({
          template,
          values,
          secrets: {},
          directoryContents: files.map(f => ({
            path: f.path,
            base64Content: Buffer.from(f.content).toString('base64'),
          })),
        });
      return { status: res.status, body: res.body };
    },
    entity,
    waitForEntity,
    async locations() {
      const res = await http
        .get('/api/catalog/locations')
        .set('authorization', AUTH);
      return (res.body as any[]).map(l => l.data);
    },
    async refresh(entityRef) {
      await http
        .post('/api/catalog/refresh')
        .set('authorization', AUTH)
        .send({ entityRef });
    },
    async register(target) {
      const res = await http
        .post('/api/catalog/locations')
        .set('authorization', AUTH)
        .send({ type: 'url', target });
      if (res.status !== 201) {
        throw new Error(
          `Registering ${target} failed: ${res.status} ${JSON.stringify(
            res.body,
          )}`,
        );
      }
    },
    stop: () => backend.stop(),
  };
}
