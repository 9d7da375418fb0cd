import express, { Request, Router } from 'express';
import { GithubApiError, handle, notFound } from './errors';
import type { GithubEmulator } from './GithubEmulator';
import {
  commitJson,
  gitCommitJson,
  pullJson,
  refJson,
  repoJson,
} from './shapes';
import { nowIso, person } from './store';

/**
 * The REST endpoints (under /api/v3) that Backstage's GitHub URL reader and the
 * `publish:github:pull-request` action (Octokit with
 * octokit-plugin-create-pull-request) call, plus merge and branch deletion for tests.
 */
export function createRestApi(emulator: GithubEmulator): Router {
  const api = express.Router();
  api.use(express.json({ limit: '50mb' }));

  const repoOf = (req: Request) =>
    emulator.repository(req.params.owner, req.params.repo);
  /** A pull request as GitHub shows it, with its head and base commits resolved. */
  const pullView = async (
    repo: ReturnType<typeof repoOf>,
    pull: Parameters<typeof pullJson>[2],
  ) => pullJson(emulator.urls, repo, pull, await emulator.pullShas(repo, pull));
  const integer = (value: unknown, fallback: number) => {
    const n = Number(value);
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  const author = () => ({
    name: emulator.user,
    email: `${emulator.user}@users.noreply.github.local`,
  });

  api.get(
    '/user',
    handle((_req, res) => {
      res.json({ login: emulator.user, id: 1, type: 'User' });
    }),
  );

  api.get(
    '/repos/:owner/:repo',
    handle((req, res) => {
      // A token user, as opposed to an app installation: the PR plugin reads this.
      res.set('x-oauth-scopes', 'repo');
      res.json(repoJson(emulator.urls, repoOf(req)));
    }),
  );

  api.get(
    '/repos/:owner/:repo/branches/:branch(*)',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const sha = await repo.git.readRef(`refs/heads/${req.params.branch}`);
      if (!sha) throw new GithubApiError(404, 'Branch not found');
      const commit = await repo.git.readCommit(sha);
      res.json({
        name: req.params.branch,
        commit: commitJson(emulator.urls, repo, commit),
        protected: false,
      });
    }),
  );

  api.get(
    '/repos/:owner/:repo/commits',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const ref = String(req.query.sha ?? repo.defaultBranch);
      const sha = await repo.git.resolveCommit(ref);
      if (!sha)
        throw new GithubApiError(404, `No commit found for SHA: ${ref}`);
      const shas = await repo.git.log(sha, integer(req.query.per_page, 30));
      res.json(
        await Promise.all(
          shas.map(async s =>
            commitJson(emulator.urls, repo, await repo.git.readCommit(s)),
          ),
        ),
      );
    }),
  );

  // Combined status: the URL reader reads `sha` and `repository` from it.
  api.get(
    '/repos/:owner/:repo/commits/:ref(*)/status',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const sha = await repo.git.resolveCommit(req.params.ref);
      if (!sha) {
        throw new GithubApiError(
          422,
          `No commit found for SHA: ${req.params.ref}`,
        );
      }
      res.json({
        state: 'pending',
        statuses: [],
        sha,
        total_count: 0,
        repository: repoJson(emulator.urls, repo),
        commit_url: `${emulator.urls.api}/repos/${repo.owner}/${repo.name}/commits/${sha}`,
      });
    }),
  );

  api.get(
    '/repos/:owner/:repo/commits/:ref(*)',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const sha = await repo.git.resolveCommit(req.params.ref);
      if (!sha)
        throw new GithubApiError(
          422,
          `No commit found for SHA: ${req.params.ref}`,
        );
      res.json(commitJson(emulator.urls, repo, await repo.git.readCommit(sha)));
    }),
  );

  // GitHub redirects to codeload; serving the archive directly is equivalent for clients.
  api.get(
    ['/repos/:owner/:repo/tarball/:ref(*)', '/repos/:owner/:repo/tarball'],
    handle(async (req, res) => {
      const repo = repoOf(req);
      const ref = req.params.ref || repo.defaultBranch;
      const sha = await repo.git.resolveCommit(ref);
      if (!sha) throw notFound();
      const archive = await repo.git.archive(
        sha,
        `${repo.owner}-${repo.name}-${sha.slice(0, 7)}`,
      );
      res.set('content-type', 'application/x-gzip');
      res.set(
        'content-disposition',
        `attachment; filename=${repo.owner}-${repo.name}-${sha.slice(
          0,
          7,
        )}.tar.gz`,
      );
      res.send(archive);
    }),
  );

  const contents = handle(async (req, res) => {
    const repo = repoOf(req);
    const ref = String(req.query.ref ?? repo.defaultBranch);
    const sha = await repo.git.resolveCommit(ref);
    if (!sha)
      throw new GithubApiError(404, `No commit found for the ref ${ref}`);
    const file = String(req.params.path ?? '');
    const entry = await repo.git.entryAt(sha, file);
    if (!entry) throw notFound();
    const repoApi = `${emulator.urls.api}/repos/${repo.owner}/${repo.name}`;
    if (entry.type === 'tree') {
      const items = await repo.git.listTree(entry.sha, false);
      res.json(
        items.map(item => {
          const itemPath = file
            ? `${file.replace(/\/$/, '')}/${item.path}`
            : item.path;
          return {
            type: item.type === 'tree' ? 'dir' : 'file',
            name: item.path,
            path: itemPath,
            sha: item.sha,
            size: item.size ?? 0,
            url: `${repoApi}/contents/${itemPath}?ref=${ref}`,
          };
        }),
      );
      return;
    }
    const content = await repo.git.readBlob(entry.sha);
    res.set('etag', `"${entry.sha}"`);
    if (req.headers['if-none-match'] === `"${entry.sha}"`) {
      res.status(304).end();
      return;
    }
    if (
      String(req.headers.accept ?? '').includes(
        'application/vnd.github.v3.raw',
      ) ||
      String(req.headers.accept ?? '').includes('application/vnd.github.raw')
    ) {
      res.set('content-type', 'application/octet-stream');
      res.send(content);
      return;
    }
    res.json({
      type: 'file',
      encoding: 'base64',
      size: content.length,
      name: entry.path.split('/').pop(),
      path: entry.path,
      content: content.toString('base64'),
      sha: entry.sha,
      url: `${repoApi}/contents/${entry.path}?ref=${ref}`,
      git_url: `${repoApi}/git/blobs/${entry.sha}`,
      html_url: `${emulator.urls.web}/${repo.owner}/${repo.name}/blob/${ref}/${entry.path}`,
    });
  });
  api.get('/repos/:owner/:repo/contents/:path(*)', contents);
  api.get('/repos/:owner/:repo/contents', contents);

  api.get(
    '/repos/:owner/:repo/git/trees/:sha',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const sha = await repo.git.resolveCommit(req.params.sha);
      const treeish = sha ? `${sha}^{tree}` : req.params.sha;
      const recursive =
        req.query.recursive !== undefined && req.query.recursive !== '0';
      const entries = await repo.git.listTree(treeish, recursive);
      const repoApi = `${emulator.urls.api}/repos/${repo.owner}/${repo.name}`;
      res.json({
        sha: req.params.sha,
        url: `${repoApi}/git/trees/${req.params.sha}`,
        tree: entries.map(e => ({
          path: e.path,
          mode: e.mode,
          type: e.type,
          sha: e.sha,
          ...(e.size !== undefined ? { size: e.size } : {}),
          url: `${repoApi}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${
            e.sha
          }`,
        })),
        truncated: false,
      });
    }),
  );

  api.get(
    '/repos/:owner/:repo/git/blobs/:sha',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const content = await repo.git.readBlob(req.params.sha);
      res.json({
        sha: req.params.sha,
        size: content.length,
        encoding: 'base64',
        content: content.toString('base64'),
        url: `${emulator.urls.api}/repos/${repo.owner}/${repo.name}/git/blobs/${req.params.sha}`,
      });
    }),
  );

  api.post(
    '/repos/:owner/:repo/git/blobs',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const { content, encoding = 'utf-8' } = req.body ?? {};
      if (typeof content !== 'string') {
        throw new GithubApiError(
          422,
          'Invalid request.\n\n"content" wasn\'t supplied.',
        );
      }
      if (encoding !== 'utf-8' && encoding !== 'base64') {
        throw new GithubApiError(
          422,
          `encoding must be utf-8 or base64, got ${encoding}`,
        );
      }
      const sha = await repo.git.writeBlob(
        Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'),
      );
      res.status(201).json({
        sha,
        url: `${emulator.urls.api}/repos/${repo.owner}/${repo.name}/git/blobs/${sha}`,
      });
    }),
  );

  api.post(
    '/repos/:owner/:repo/git/trees',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const { base_tree: baseTree, tree } = req.body ?? {};
      if (!Array.isArray(tree)) {
        throw new GithubApiError(
          422,
          'Invalid request.\n\n"tree" wasn\'t supplied.',
        );
      }
      const sha = await repo.git.writeTree(
        baseTree,
        tree.map((item: any) => ({
          path: String(item.path ?? ''),
          mode: String(item.mode ?? '100644'),
          sha: item.sha,
          content: item.content,
        })),
      );
      const entries = await repo.git.listTree(sha, false);
      res.status(201).json({
        sha,
        url: `${emulator.urls.api}/repos/${repo.owner}/${repo.name}/git/trees/${sha}`,
        tree: entries.map(e => ({
          path: e.path,
          mode: e.mode,
          type: e.type,
          sha: e.sha,
        })),
        truncated: false,
      });
    }),
  );

  api.get(
    '/repos/:owner/:repo/git/commits/:sha',
    handle(async (req, res) => {
      const repo = repoOf(req);
      res.json(
        gitCommitJson(
          emulator.urls,
          repo,
          await repo.git.readCommit(req.params.sha),
        ),
      );
    }),
  );

  api.post(
    '/repos/:owner/:repo/git/commits',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const {
        message,
        tree,
        parents = [],
        author: a,
        committer: c,
      } = req.body ?? {};
      if (typeof message !== 'string' || typeof tree !== 'string') {
        throw new GithubApiError(
          422,
          'Invalid request.\n\n"message" and "tree" are required.',
        );
      }
      const commitAuthor = person(a, author());
      const sha = await repo.git.writeCommit({
        tree,
        parents,
        message,
        author: commitAuthor,
        committer: person(c, commitAuthor),
      });
      res
        .status(201)
        .json(
          gitCommitJson(emulator.urls, repo, await repo.git.readCommit(sha)),
        );
    }),
  );

  api.get(
    [
      '/repos/:owner/:repo/git/ref/:ref(*)',
      '/repos/:owner/:repo/git/refs/:ref(*)',
    ],
    handle(async (req, res) => {
      const repo = repoOf(req);
      const ref = `refs/${req.params.ref}`;
      const sha = await repo.git.readRef(ref);
      if (!sha) throw notFound();
      res.json(refJson(emulator.urls, repo, ref, sha));
    }),
  );

  api.post(
    '/repos/:owner/:repo/git/refs',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const { ref, sha } = req.body ?? {};
      if (
        typeof ref !== 'string' ||
        !/^refs\/.+/.test(ref) ||
        ref.split('/').length < 3
      ) {
        throw new GithubApiError(
          422,
          "Reference name must start with 'refs/' and have at least two slashes.",
        );
      }
      if (await repo.git.readRef(ref)) {
        throw new GithubApiError(422, 'Reference already exists');
      }
      if (
        typeof sha !== 'string' ||
        (await repo.git.objectType(sha)) !== 'commit'
      ) {
        throw new GithubApiError(422, 'Object does not exist');
      }
      await repo.git.updateRef(ref, sha, '');
      res.status(201).json(refJson(emulator.urls, repo, ref, sha));
    }),
  );

  api.patch(
    '/repos/:owner/:repo/git/refs/:ref(*)',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const ref = `refs/${req.params.ref}`;
      const { sha, force = false } = req.body ?? {};
      const current = await repo.git.readRef(ref);
      if (!current) throw new GithubApiError(422, 'Reference does not exist');
      if (
        typeof sha !== 'string' ||
        (await repo.git.objectType(sha)) !== 'commit'
      ) {
        throw new GithubApiError(422, 'Object does not exist');
      }
      if (!force && !(await repo.git.isAncestor(current, sha))) {
        throw new GithubApiError(422, 'Update is not a fast forward');
      }
      await repo.git.updateRef(ref, sha, current);
      res.json(refJson(emulator.urls, repo, ref, sha));
    }),
  );

  api.delete(
    '/repos/:owner/:repo/git/refs/:ref(*)',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const ref = `refs/${req.params.ref}`;
      if (!(await repo.git.readRef(ref))) {
        throw new GithubApiError(422, 'Reference does not exist');
      }
      await repo.git.deleteRef(ref);
      res.status(204).end();
    }),
  );

  api.get(
    '/repos/:owner/:repo/pulls',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const state = String(req.query.state ?? 'open');
      const head = req.query.head
        ? String(req.query.head).replace(/^[^:]+:/, '')
        : undefined;
      const base = req.query.base ? String(req.query.base) : undefined;
      const pulls = repo.pulls
        .filter(p => state === 'all' || p.state === state)
        .filter(p => !head || p.head === head)
        .filter(p => !base || p.base === base)
        .sort((a, b) => b.number - a.number);
      res.json(await Promise.all(pulls.map(p => pullView(repo, p))));
    }),
  );

  api.post(
    '/repos/:owner/:repo/pulls',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const { title, body = null, head, base, draft = false } = req.body ?? {};
      const pull = await emulator.openPullRequest(repo, {
        title,
        body,
        head,
        base,
        draft,
      });
      res.status(201).json(await pullView(repo, pull));
    }),
  );

  api.get(
    '/repos/:owner/:repo/pulls/:number',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const pull = emulator.pullRequest(repo, Number(req.params.number));
      res.json(await pullView(repo, pull));
    }),
  );

  api.patch(
    '/repos/:owner/:repo/pulls/:number',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const pull = emulator.pullRequest(repo, Number(req.params.number));
      const { title, body, state, base } = req.body ?? {};
      if (typeof title === 'string') pull.title = title;
      if (typeof body === 'string') pull.body = body;
      if (typeof base === 'string') {
        if (!(await repo.git.readRef(`refs/heads/${base}`))) {
          throw new GithubApiError(422, 'Validation Failed', [
            { resource: 'PullRequest', field: 'base', code: 'invalid' },
          ]);
        }
        pull.base = base;
      }
      if (state === 'closed' && pull.state === 'open') {
        pull.state = 'closed';
        pull.closedAt = nowIso();
      } else if (state === 'open' && pull.state === 'closed' && !pull.merged) {
        pull.state = 'open';
        pull.closedAt = null;
      }
      pull.updatedAt = nowIso();
      res.json(await pullView(repo, pull));
    }),
  );

  api.put(
    '/repos/:owner/:repo/pulls/:number/merge',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const pull = emulator.pullRequest(repo, Number(req.params.number));
      const {
        sha,
        merge_method: method = 'merge',
        commit_title: commitTitle,
        commit_message: commitMessage,
      } = req.body ?? {};
      const mergeSha = await emulator.mergePullRequest(repo, pull, {
        expectedHeadSha: sha,
        method,
        title: commitTitle,
        message: commitMessage,
      });
      res.json({
        sha: mergeSha,
        merged: true,
        message: 'Pull Request successfully merged',
      });
    }),
  );

  api.post(
    '/repos/:owner/:repo/pulls/:number/requested_reviewers',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const pull = emulator.pullRequest(repo, Number(req.params.number));
      const { reviewers = [], team_reviewers: teams = [] } = req.body ?? {};
      pull.requestedReviewers = [
        ...new Set([...pull.requestedReviewers, ...reviewers]),
      ];
      pull.requestedTeams = [...new Set([...pull.requestedTeams, ...teams])];
      res.status(201).json(await pullView(repo, pull));
    }),
  );

  api.post(
    '/repos/:owner/:repo/issues/:number/assignees',
    handle(async (req, res) => {
      const repo = repoOf(req);
      const pull = emulator.pullRequest(repo, Number(req.params.number));
      pull.assignees = [
        ...new Set([...pull.assignees, ...(req.body?.assignees ?? [])]),
      ];
      res.status(201).json(await pullView(repo, pull));
    }),
  );

  api.post(
    '/repos/:owner/:repo/issues/:number/labels',
    handle((req, res) => {
      const repo = repoOf(req);
      const pull = emulator.pullRequest(repo, Number(req.params.number));
      pull.labels = [...new Set([...pull.labels, ...(req.body?.labels ?? [])])];
      res.json(pull.labels.map(name => ({ name })));
    }),
  );

  return api;
}
