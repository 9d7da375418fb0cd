import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  GetRegionHistoryResponse,
  inferadbClusterListPermission,
  inferadbFleetHealthReadPermission,
  inferadbFleetHealthRefreshPermission,
  ListClustersResponse,
  ListFleetsResponse,
  RegionHealth,
  RegionPendingResponse,
} from '@inferadb-regions/plugin-inferadb-common';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { HealthService } from '../service/HealthService';
import { hashOf } from '../snapshots/SnapshotStore';

export interface RouterOptions {
  health: HealthService;
  /** Names of `inferadb.clusters`: all a caller may learn of them. */
  clusterNames: string[];
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}

const historyQuery = z
  .object({
    since: z
      .string()
      .datetime({
        offset: true,
        message: 'since must be an ISO 8601 instant, e.g. 2026-11-22T06:00:00Z',
      })
      .optional(),
    limit: z.coerce
      .number({ invalid_type_error: 'limit must be a number' })
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(2000, 'limit must be at most 2000')
      .optional(),
  })
  .strict();

const refreshBody = z
  .object({ region: z.string().min(1, 'region must not be empty').optional() })
  .strict();

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.') || what;
    throw new InputError(
      issue.code === 'unrecognized_keys'
        ? `${what}: unknown field(s) ${issue.keys.join(', ')}`
        : `${what}.${field}: ${issue.message}`,
    );
  }
  return result.data;
}

/** Answers 304 when the caller already has this version. */
function notModified(req: Request, res: Response, etag: string): boolean {
  const quoted = `"${etag}"`;
  res.setHeader('ETag', quoted);
  // Every poll revalidates; an unchanged snapshot costs one small read and a 304.
  res.setHeader('Cache-Control', 'private, no-cache');
  const given = req.header('if-none-match');
  if (
    given &&
    given.split(',').some(t => t.trim().replace(/^W\//, '') === quoted)
  ) {
    res.status(304).end();
    return true;
  }
  return false;
}

/** The plugin's REST API; every route checks who is calling and what they may do. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { health, clusterNames, httpAuth, permissions, auditor } = options;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  async function authorize(req: Request, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`missing permission ${permission.name}`);
    }
  }

  async function read<T>(
    req: Request,
    res: Response,
    meta: Record<string, string>,
    etag: () => Promise<string>,
    body: () => Promise<T>,
  ) {
    await authorize(req, inferadbFleetHealthReadPermission);
    await health.untilFirstCollection(health.firstAnswerWaitMs());
    const event = await auditor.createEvent({
      eventId: 'fleet-health-fetch',
      severityLevel: 'low',
      request: req,
      meta,
    });
    try {
      if (notModified(req, res, await etag())) {
        await event.success({ meta: { notModified: true } });
        return;
      }
      const value = await body();
      // JSON the service has serialised and encoded (and cached) already.
      if (Buffer.isBuffer(value)) res.type('application/json').send(value);
      else res.json(value);
      await event.success();
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  router.get('/fleets', async (req, res) => {
    await read(
      req,
      res,
      { queryType: 'list' },
      () => health.listEtag(),
      async () => {
        const response: ListFleetsResponse = {
          fleets: await health.listFleets(),
        };
        return response;
      },
    );
  });

  router.get('/fleets/:fleet', async (req, res) => {
    const { fleet } = req.params;
    let etag = '';
    await read(
      req,
      res,
      { queryType: 'fleet', fleet },
      async () => (etag = await health.fleetEtag(fleet)),
      () => health.fleetJson(fleet, etag),
    );
  });

  router.get('/fleets/:fleet/regions/:region', async (req, res) => {
    const { fleet, region } = req.params;
    let answer: RegionHealth | RegionPendingResponse | undefined;
    await read(
      req,
      res,
      { queryType: 'region', fleet, region },
      async () => {
        const stored = await health.regionHealth(fleet, region);
        if (stored) {
          answer = stored.health;
          return stored.etag;
        }
        // In the fleet but not collected yet: not a 404, say when to ask again.
        const retryAfterSeconds = health.retryAfterSeconds();
        answer = {
          fleet,
          region,
          collected: false,
          retryAfterSeconds,
          message: `region '${region}' of fleet '${fleet}' has not been collected yet; ask again in ${retryAfterSeconds} s`,
        };
        res.status(202).setHeader('Retry-After', String(retryAfterSeconds));
        return hashOf(`pending:${fleet}:${region}`);
      },
      async () => answer!,
    );
  });

  router.get('/fleets/:fleet/regions/:region/history', async (req, res) => {
    const { fleet, region } = req.params;
    const query = parse(historyQuery, req.query, 'query');
    let body: GetRegionHistoryResponse | undefined;
    await read(
      req,
      res,
      { queryType: 'history', fleet, region },
      async () => {
        const points = await health.regionHistory(fleet, region, {
          since: query.since ? Date.parse(query.since) : undefined,
          limit: query.limit ?? 288,
        });
        body = { fleet, region, points };
        return hashOf(JSON.stringify(body));
      },
      async () => body!,
    );
  });

  router.get('/clusters', async (req, res) => {
    await authorize(req, inferadbClusterListPermission);
    const response: ListClustersResponse = {
      clusters: clusterNames.map(name => ({ name })),
    };
    res.json(response);
  });

  router.post('/fleets/:fleet/refresh', async (req, res) => {
    await authorize(req, inferadbFleetHealthRefreshPermission);
    const { fleet } = req.params;
    const { region } = parse(refreshBody, req.body, 'body');
    // Targets come from configuration: the fleet and region names are only looked up.
    const fleetConfig = health.fleetConfig(fleet);
    if (region && !fleetConfig.regions.some(r => r.id === region)) {
      throw new InputError(
        `body.region: fleet '${fleet}' has no region '${region}'; use one of ${fleetConfig.regions
          .map(r => r.id)
          .join(', ')}`,
      );
    }
    const event = await auditor.createEvent({
      eventId: 'fleet-refresh',
      severityLevel: 'medium',
      request: req,
      meta: { fleet, ...(region ? { region } : {}) },
    });
    try {
      const regions = await health.collectNow(fleet, region);
      await event.success({
        meta: {
          regions: regions.map(r => ({ region: r.region, status: r.status })),
        },
      });
      res.json(await health.fleetHealth(fleet, regions));
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}
