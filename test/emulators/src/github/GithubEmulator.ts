import express from 'express';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { errorHandler, GithubApiError, notFound } from './errors';
import { GitRepository } from './gitRepository';
import { createGraphqlApi } from './graphql';
import { createRestApi } from './restApi';
import { Urls } from './shapes';
import { HostedRepository, nowIso, PullRequest } from './store';
import { createWeb } from './web';

/** @public */
export type GithubEmulatorOptions = {
  /** Host name Backstage's integration is configured for; URLs on it are routed here. Default `github.com`. */
  host?: string;
  /** Token every API call must carry. Default `emulator-token`. */
  token?: string;
  /** Login of the token's user; author of commits made without an author. */
  user?: string;
  /** Where the bare repositories live. Default: a fresh temporary directory, removed on stop. */
  dataDir?: string;
  /** Port on 127.0.0.1; default 0 (any free port). */
  port?: number;
};

/** An injected failure: the next matching API call(s) answer `status` with GitHub's error body. */
/** @public */
export type GithubFault = {
  method?: string;
  /** Matched against the path after `/api/v3` (or `/api/graphql`). */
  path: string | RegExp;
  status: number;
  message?: string;
  /** How many calls fail; default 1. */
  times?: number;
};

/** @public */
export type GithubRecordedRequest = { method: string; path: string };

/** @public */
export type SeedFiles = Record<string, string | Buffer>;

/**
 * A loopback emulator of the parts of GitHub's REST (and one GraphQL) API that
 * Backstage's GitHub URL reader and `publish:github:pull-request` use, backed by
 * real bare git repositories. Configure Backstage with {@link GithubEmulator.integrationConfig}.
 *
 * @public
 */
export class GithubEmulator {
  /** Every API call received, in order (for asserting what did or did not happen). */
  readonly requests: GithubRecordedRequest[] = [];
  readonly host: string;
  readonly token: string;
  readonly user: string;
  private readonly repositories = new Map<string, HostedRepository>();
  private readonly faults: Array<GithubFault & { remaining: number }> = [];
  private nextRepoId = 1000;

  private constructor(
    private readonly server: http.Server,
    readonly urls: Urls,
    private readonly dataDir: string,
    private readonly ownsDataDir: boolean,
    options: GithubEmulatorOptions,
  ) {
    this.host = options.host ?? 'github.com';
    this.token = options.token ?? 'emulator-token';
    this.user = options.user ?? 'inferadb-bot';
  }

  static async start(
    options: GithubEmulatorOptions = {},
  ): Promise<GithubEmulator> {
    const ownsDataDir = !options.dataDir;
    const dataDir =
      options.dataDir ??
      (await fs.mkdtemp(path.join(os.tmpdir(), 'github-emulator-')));
    const app = express();
    const server = http.createServer(app);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const web = `http://127.0.0.1:${port}`;
    const emulator = new GithubEmulator(
      server,
      { web, api: `${web}/api/v3` },
      dataDir,
      ownsDataDir,
      options,
    );
    app.use(['/api/v3', '/api/graphql'], emulator.gate());
    app.use('/api/v3', createRestApi(emulator));
    app.use('/api/graphql', createGraphqlApi(emulator));
    app.use('/api', (_req, _res, next) => next(notFound()));
    app.use(createWeb(emulator));
    app.use(errorHandler);
    return emulator;
  }

  /** REST base URL, GitHub Enterprise style, so Octokit's GraphQL goes to /api/graphql. */
  get apiBaseUrl(): string {
    return this.urls.api;
  }

  /** One entry of `integrations.github` in app-config that routes `host` here. */
  integrationConfig(): {
    host: string;
    apiBaseUrl: string;
    rawBaseUrl: string;
    token: string;
  } {
    return {
      host: this.host,
      apiBaseUrl: this.urls.api,
      rawBaseUrl: `${this.urls.web}/raw`,
      token: this.token,
    };
  }

  /** What `RepoUrlPicker` produces for a repository, e.g. `github.com?owner=o&repo=r`. */
  repoUrl(owner: string, name: string): string {
    return `${this.host}?owner=${encodeURIComponent(
      owner,
    )}&repo=${encodeURIComponent(name)}`;
  }

  /** The browser URL of a repository on the configured host (what fetch:plain and catalog:register take). */
  htmlUrl(owner: string, name: string, ref?: string, file?: string): string {
    // A host of the emulator's own (the dev portal's) is served over plain HTTP.
    const scheme = this.host === new URL(this.urls.web).host ? 'http' : 'https';
    const base = `${scheme}://${this.host}/${owner}/${name}`;
    if (!ref) return base;
    return file ? `${base}/blob/${ref}/${file}` : `${base}/tree/${ref}`;
  }

  /** `git clone` URL (dumb HTTP on loopback). */
  cloneUrl(owner: string, name: string): string {
    return `${this.urls.web}/${owner}/${name}.git`;
  }

  /** Creates a repository whose default branch holds `files` (or a directory's files) in one commit. */
  async createRepository(
    owner: string,
    name: string,
    options: {
      files?: SeedFiles;
      fromDirectory?: string;
      defaultBranch?: string;
      message?: string;
    } = {},
  ): Promise<HostedRepository> {
    const key = `${owner}/${name}`.toLowerCase();
    if (this.repositories.has(key)) {
      throw new Error(`Repository ${owner}/${name} already exists`);
    }
    const defaultBranch = options.defaultBranch ?? 'main';
    const git = await GitRepository.init(
      path.join(this.dataDir, owner),
      name,
      defaultBranch,
    );
    const files: SeedFiles = { ...options.files };
    if (options.fromDirectory) {
      Object.assign(files, await readDirectory(options.fromDirectory));
    }
    const changes = [];
    for (const [file, content] of Object.entries(files)) {
      const sha = await git.writeBlob(
        typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
      );
      changes.push({ path: file, mode: '100644', sha });
    }
    const tree = await git.writeTree(undefined, changes);
    const date = nowIso();
    const who = {
      name: this.user,
      email: `${this.user}@users.noreply.github.local`,
      date,
    };
    const commit = await git.writeCommit({
      tree,
      parents: [],
      message: options.message ?? 'Initial commit',
      author: who,
      committer: who,
    });
    await git.updateRef(`refs/heads/${defaultBranch}`, commit, '');
    const repo: HostedRepository = {
      id: this.nextRepoId++,
      owner,
      name,
      defaultBranch,
      createdAt: date,
      git,
      pulls: [],
    };
    this.repositories.set(key, repo);
    return repo;
  }

  /**
   * Commits files onto the default branch, as a push or a merged change lands; returns
   * the new commit's sha.
   */
  async pushFiles(
    owner: string,
    name: string,
    files: Record<string, string>,
    message = 'Update files',
  ): Promise<string> {
    const repo = this.repository(owner, name);
    const ref = `refs/heads/${repo.defaultBranch}`;
    const parent = (await repo.git.readRef(ref))!;
    const changes = [];
    for (const [file, content] of Object.entries(files)) {
      const sha = await repo.git.writeBlob(Buffer.from(content, 'utf8'));
      changes.push({ path: file, mode: '100644', sha });
    }
    const { tree: baseTree } = await repo.git.readCommit(parent);
    const tree = await repo.git.writeTree(baseTree, changes);
    const who = {
      name: this.user,
      email: `${this.user}@users.noreply.github.local`,
      date: nowIso(),
    };
    const commit = await repo.git.writeCommit({
      tree,
      parents: [parent],
      message,
      author: who,
      committer: who,
    });
    await repo.git.updateRef(ref, commit, parent);
    return commit;
  }

  findRepository(owner: string, name: string): HostedRepository | undefined {
    return this.repositories.get(`${owner}/${name}`.toLowerCase());
  }

  /** The repository, or GitHub's 404. */
  repository(owner: string, name: string): HostedRepository {
    const repo = this.findRepository(owner, name);
    if (!repo) throw notFound();
    return repo;
  }

  /** Branch names of a repository. */
  async branches(owner: string, name: string): Promise<string[]> {
    const refs = await this.repository(owner, name).git.refs('refs/heads/');
    return [...refs.keys()].map(r => r.slice('refs/heads/'.length)).sort();
  }

  pullRequests(owner: string, name: string): PullRequest[] {
    return [...this.repository(owner, name).pulls];
  }

  pullRequest(repo: HostedRepository, number: number): PullRequest {
    const pull = repo.pulls.find(p => p.number === number);
    if (!pull) throw notFound();
    return pull;
  }

  async pullShas(
    repo: HostedRepository,
    pull: PullRequest,
  ): Promise<{ head: string; base: string }> {
    const head =
      (await repo.git.readRef(`refs/heads/${pull.head}`)) ?? pull.headSha;
    pull.headSha = head;
    const base = (await repo.git.readRef(`refs/heads/${pull.base}`)) ?? '';
    return { head, base };
  }

  async openPullRequest(
    repo: HostedRepository,
    input: {
      title?: unknown;
      body?: unknown;
      head?: unknown;
      base?: unknown;
      draft?: unknown;
    },
  ): Promise<PullRequest> {
    const invalid = (field: string) =>
      new GithubApiError(422, 'Validation Failed', [
        { resource: 'PullRequest', field, code: 'missing_field' },
      ]);
    if (typeof input.title !== 'string' || !input.title) throw invalid('title');
    if (typeof input.head !== 'string') throw invalid('head');
    if (typeof input.base !== 'string') throw invalid('base');
    const [headOwner, head] = input.head.includes(':')
      ? input.head.split(':', 2)
      : [repo.owner, input.head];
    if (headOwner.toLowerCase() !== repo.owner.toLowerCase()) {
      throw new GithubApiError(422, 'Validation Failed', [
        {
          resource: 'PullRequest',
          field: 'head',
          code: 'invalid',
          message: 'forks are not emulated',
        },
      ]);
    }
    const headSha = await repo.git.readRef(`refs/heads/${head}`);
    const baseSha = await repo.git.readRef(`refs/heads/${input.base}`);
    if (!headSha) throw invalid('head');
    if (!baseSha) throw invalid('base');
    if (
      head === input.base ||
      headSha === baseSha ||
      (await repo.git.isAncestor(headSha, baseSha))
    ) {
      throw new GithubApiError(422, 'Validation Failed', [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: `No commits between ${input.base} and ${head}`,
        },
      ]);
    }
    if (
      repo.pulls.some(
        p => p.state === 'open' && p.head === head && p.base === input.base,
      )
    ) {
      throw new GithubApiError(422, 'Validation Failed', [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: `A pull request already exists for ${repo.owner}:${head}.`,
        },
      ]);
    }
    const now = nowIso();
    const pull: PullRequest = {
      number: repo.pulls.length + 1,
      title: input.title,
      body: typeof input.body === 'string' ? input.body : null,
      state: 'open',
      draft: input.draft === true,
      merged: false,
      mergeCommitSha: null,
      head,
      base: input.base,
      headSha,
      user: this.user,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      mergedAt: null,
      requestedReviewers: [],
      requestedTeams: [],
      assignees: [],
      labels: [],
    };
    repo.pulls.push(pull);
    return pull;
  }

  /** Merges like GitHub's merge button (merge commit or squash) and returns the new base sha. */
  async mergePullRequest(
    repo: HostedRepository,
    pull: PullRequest,
    options: {
      expectedHeadSha?: string;
      method?: string;
      title?: string;
      message?: string;
    },
  ): Promise<string> {
    if (pull.state !== 'open') {
      throw new GithubApiError(405, 'Pull Request is not mergeable');
    }
    const { head, base } = await this.pullShas(repo, pull);
    if (options.expectedHeadSha && options.expectedHeadSha !== head) {
      throw new GithubApiError(
        409,
        'Head branch was modified. Review and try the merge again.',
      );
    }
    const tree = await repo.git.mergeTree(base, head);
    if (!tree) throw new GithubApiError(405, 'Pull Request is not mergeable');
    const now = nowIso();
    const who = {
      name: this.user,
      email: `${this.user}@users.noreply.github.local`,
      date: now,
    };
    const title =
      options.title ??
      `Merge pull request #${pull.number} from ${repo.owner}/${pull.head}`;
    const sha = await repo.git.writeCommit({
      tree,
      parents: options.method === 'squash' ? [base] : [base, head],
      message: `${title}\n\n${options.message ?? pull.title}\n`,
      author: who,
      committer: who,
    });
    await repo.git.updateRef(`refs/heads/${pull.base}`, sha, base);
    Object.assign(pull, {
      state: 'closed',
      merged: true,
      mergeCommitSha: sha,
      mergedAt: now,
      closedAt: now,
      updatedAt: now,
    });
    return sha;
  }

  /** Makes the next matching API call(s) fail, as GitHub does when it refuses or breaks. */
  addFault(fault: GithubFault) {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  clearFaults() {
    this.faults.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>(resolve => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    if (this.ownsDataDir) {
      await fs.rm(this.dataDir, { recursive: true, force: true });
    }
  }

  /** Records the call, applies injected faults, then checks the token as GitHub does. */
  private gate(): express.RequestHandler {
    return (req, _res, next) => {
      const apiPath = req.path;
      this.requests.push({
        method: req.method,
        path: `${req.baseUrl}${apiPath}`,
      });
      const fault = this.faults.find(
        f =>
          f.remaining > 0 &&
          (!f.method || f.method.toUpperCase() === req.method) &&
          (typeof f.path === 'string'
            ? f.path === apiPath
            : f.path.test(apiPath)),
      );
      if (fault) {
        fault.remaining -= 1;
        next(
          new GithubApiError(fault.status, fault.message ?? 'Injected failure'),
        );
        return;
      }
      const auth = req.headers.authorization ?? '';
      const token = /^(?:token|bearer)\s+(.+)$/i.exec(auth)?.[1];
      if (!token) {
        next(new GithubApiError(401, 'Requires authentication'));
        return;
      }
      if (token !== this.token) {
        next(new GithubApiError(401, 'Bad credentials'));
        return;
      }
      next();
    };
  }
}

async function readDirectory(root: string): Promise<SeedFiles> {
  const files: SeedFiles = {};
  const walk = async (dir: string) => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') await walk(full);
      } else if (entry.isFile()) {
        files[path.relative(root, full).split(path.sep).join('/')] =
          await fs.readFile(full);
      }
    }
  };
  await walk(root);
  return files;
}
