import express, { Router } from 'express';
import { handle } from './errors';
import type { GithubEmulator } from './GithubEmulator';

/**
 * The one GraphQL query octokit-plugin-create-pull-request sends: does the head
 * branch exist, and has it an open pull request. Anything else is answered with a
 * GraphQL error naming what the emulator supports, never a silent empty result.
 */
export function createGraphqlApi(emulator: GithubEmulator): Router {
  const api = express.Router();
  api.use(express.json());
  api.post(
    '/',
    handle(async (req, res) => {
      const query = String(req.body?.query ?? '');
      const variables = req.body?.variables ?? {};
      if (
        !/repository\s*\(/.test(query) ||
        !/ref\s*\(\s*qualifiedName/.test(query)
      ) {
        res.json({
          errors: [
            {
              message:
                'The GitHub emulator answers only repository(owner, name) { ref(qualifiedName) { associatedPullRequests } }',
            },
          ],
        });
        return;
      }
      const owner = String(variables.owner ?? '');
      const name = String(variables.repo ?? variables.name ?? '');
      const head = String(variables.head ?? '').replace(/^refs\/heads\//, '');
      const repo = emulator.findRepository(owner, name);
      if (!repo) {
        res.json({
          data: { repository: null },
          errors: [
            {
              type: 'NOT_FOUND',
              path: ['repository'],
              message: `Could not resolve to a Repository with the name '${owner}/${name}'.`,
            },
          ],
        });
        return;
      }
      const sha = await repo.git.readRef(`refs/heads/${head}`);
      if (!sha) {
        res.json({ data: { repository: { ref: null } } });
        return;
      }
      const open = repo.pulls
        .filter(p => p.head === head && p.state === 'open')
        .sort((a, b) => a.number - b.number);
      res.json({
        data: {
          repository: {
            ref: {
              associatedPullRequests: {
                edges: open.map(p => ({
                  node: {
                    id: Buffer.from(
                      `PullRequest:${owner}/${name}#${p.number}`,
                    ).toString('base64'),
                    number: p.number,
                    url: `${emulator.urls.web}/${owner}/${name}/pull/${p.number}`,
                  },
                })),
              },
            },
          },
        },
      });
    }),
  );
  return api;
}
