import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A git object's identity as GitHub reports it. */
export type GitPerson = { name: string; email: string; date: string };

export type GitCommit = {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: GitPerson;
  committer: GitPerson;
};

export type GitTreeEntry = {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size?: number;
};

/** One change to a tree, in the shape of GitHub's `POST /git/trees` items. */
export type GitTreeChange = {
  path: string;
  mode: string;
  /** Blob (or subtree) sha; `null` deletes the path. */
  sha?: string | null;
  /** Text content of a new blob. */
  content?: string;
};

/** Thrown for requests git itself rejects (unknown object, bad ref): the API answers 422/404. */
export class GitError extends Error {
  constructor(message: string, readonly kind: 'not-found' | 'invalid') {
    super(message);
    this.name = 'GitError';
  }
}

type RunOptions = { input?: Buffer | string; env?: Record<string, string> };

const ZERO_SHA = '0000000000000000000000000000000000000000';
const EMULATOR_ENV = {
  // Isolate the emulator's git from the machine's configuration.
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
};

/**
 * A bare git repository on disk, driven through the `git` CLI: what the GitHub
 * emulator stores, and what `git clone` reads back.
 */
export class GitRepository {
  private constructor(readonly gitDir: string) {}

  /** Creates an empty bare repository under `parentDir`. */
  static async init(
    parentDir: string,
    name: string,
    defaultBranch: string,
  ): Promise<GitRepository> {
    const gitDir = path.join(parentDir, `${name}.git`);
    await fs.mkdir(gitDir, { recursive: true });
    const repo = new GitRepository(gitDir);
    await repo.git([
      'init',
      '--bare',
      '--quiet',
      `--initial-branch=${defaultBranch}`,
    ]);
    // Dumb-HTTP clones read info/refs: updateRef keeps it current.
    await repo.git(['update-server-info']);
    return repo;
  }

  async git(args: string[], options: RunOptions = {}): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const child = spawn('git', args, {
        cwd: this.gitDir,
        stdio: [
          options.input === undefined ? 'ignore' : 'pipe',
          'pipe',
          'pipe',
        ],
        env: {
          ...process.env,
          ...EMULATOR_ENV,
          GIT_DIR: this.gitDir,
          ...options.env,
        },
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout!.on('data', d => out.push(d));
      child.stderr!.on('data', d => err.push(d));
      child.on('error', reject);
      child.on('close', code => {
        if (code === 0) {
          resolve(Buffer.concat(out));
          return;
        }
        const message = Buffer.concat(err).toString('utf8').trim();
        reject(
          new GitError(
            `git ${args[0]} failed: ${message}`,
            /not a valid|bad object|unknown revision|does not exist|Not a valid object/i.test(
              message,
            )
              ? 'not-found'
              : 'invalid',
          ),
        );
      });
      if (options.input !== undefined) {
        // git may exit before reading everything (an error): that is reported by `close`.
        child.stdin!.on('error', () => {});
        child.stdin!.end(options.input);
      }
    });
  }

  private async text(args: string[], options?: RunOptions): Promise<string> {
    return (await this.git(args, options)).toString('utf8').trim();
  }

  /** Writes a blob and returns its sha. */
  async writeBlob(content: Buffer): Promise<string> {
    return this.text(['hash-object', '-w', '--stdin'], { input: content });
  }

  async readBlob(sha: string): Promise<Buffer> {
    await this.expectType(sha, 'blob');
    return this.git(['cat-file', 'blob', sha]);
  }

  async objectType(sha: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{4,40}$/.test(sha)) return undefined;
    try {
      return await this.text(['cat-file', '-t', sha]);
    } catch {
      return undefined;
    }
  }

  private async expectType(sha: string, type: string) {
    const actual = await this.objectType(sha);
    if (actual !== type) {
      throw new GitError(`No ${type} ${sha}`, 'not-found');
    }
  }

  /**
   * Builds a tree from `baseTree` plus `changes` (nested paths allowed, as in
   * GitHub's API) through a throwaway index, and returns the new tree's sha.
   */
  async writeTree(
    baseTree: string | undefined,
    changes: GitTreeChange[],
  ): Promise<string> {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'gh-emulator-index-'));
    const env = { GIT_INDEX_FILE: path.join(tmp, 'index') };
    try {
      if (baseTree) {
        await this.expectType(baseTree, 'tree');
        await this.git(['read-tree', baseTree], { env });
      } else {
        await this.git(['read-tree', '--empty'], { env });
      }
      const lines: string[] = [];
      for (const change of changes) {
        const file = change.path.replace(/^\/+/, '');
        if (!file || file.split('/').some(p => p === '..' || p === '.')) {
          throw new GitError(`Invalid tree path '${change.path}'`, 'invalid');
        }
        if (change.sha === null) {
          // Mode 0 removes the entry; a missing path is simply left alone.
          lines.push(`0 ${ZERO_SHA}\t${file}`);
          continue;
        }
        let sha = change.sha;
        if (change.content !== undefined) {
          sha = await this.writeBlob(Buffer.from(change.content, 'utf8'));
        }
        if (!sha) {
          throw new GitError(
            `Tree item '${file}' needs either sha or content`,
            'invalid',
          );
        }
        if (change.mode === '040000') {
          // A whole subtree: expand it into index entries.
          await this.expectType(sha, 'tree');
          for (const entry of await this.listTree(sha, true)) {
            lines.push(`${entry.mode} ${entry.sha}\t${file}/${entry.path}`);
          }
          continue;
        }
        const type = await this.objectType(sha);
        if (type !== 'blob' && change.mode !== '160000') {
          throw new GitError(`Tree item '${file}': no blob ${sha}`, 'invalid');
        }
        lines.push(`${change.mode} ${sha}\t${file}`);
      }
      if (lines.length) {
        await this.git(['update-index', '--index-info'], {
          env,
          input: `${lines.join('\n')}\n`,
        });
      }
      return await this.text(['write-tree'], { env });
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  }

  async listTree(treeish: string, recursive: boolean): Promise<GitTreeEntry[]> {
    const args = ['ls-tree', '-z', '--long'];
    if (recursive) args.push('-r', '-t');
    const out = (await this.git([...args, treeish])).toString('utf8');
    return out
      .split('\0')
      .filter(Boolean)
      .map(line => {
        const tab = line.indexOf('\t');
        const [mode, type, sha, size] = line.slice(0, tab).split(/\s+/);
        return {
          path: line.slice(tab + 1),
          mode,
          type: type as GitTreeEntry['type'],
          sha,
          size: size === '-' ? undefined : Number(size),
        };
      });
  }

  /** The entry at `file` in a commit's tree, or undefined. */
  async entryAt(
    commit: string,
    file: string,
  ): Promise<GitTreeEntry | undefined> {
    const clean = file.replace(/^\/+|\/+$/g, '');
    if (!clean) {
      const tree = await this.text(['rev-parse', `${commit}^{tree}`]);
      return { path: '', mode: '040000', type: 'tree', sha: tree };
    }
    const out = (
      await this.git(['ls-tree', '-z', '--long', commit, '--', clean])
    ).toString('utf8');
    const line = out.split('\0').find(Boolean);
    if (!line) return undefined;
    const tab = line.indexOf('\t');
    const [mode, type, sha, size] = line.slice(0, tab).split(/\s+/);
    if (line.slice(tab + 1) !== clean) return undefined;
    return {
      path: clean,
      mode,
      type: type as GitTreeEntry['type'],
      sha,
      size: size === '-' ? undefined : Number(size),
    };
  }

  async writeCommit(options: {
    tree: string;
    parents: string[];
    message: string;
    author: GitPerson;
    committer: GitPerson;
  }): Promise<string> {
    await this.expectType(options.tree, 'tree');
    for (const parent of options.parents) {
      await this.expectType(parent, 'commit');
    }
    const args = ['commit-tree', options.tree];
    for (const parent of options.parents) args.push('-p', parent);
    return this.text(args, {
      input: options.message,
      env: {
        GIT_AUTHOR_NAME: options.author.name,
        GIT_AUTHOR_EMAIL: options.author.email,
        GIT_AUTHOR_DATE: options.author.date,
        GIT_COMMITTER_NAME: options.committer.name,
        GIT_COMMITTER_EMAIL: options.committer.email,
        GIT_COMMITTER_DATE: options.committer.date,
      },
    });
  }

  async readCommit(sha: string): Promise<GitCommit> {
    await this.expectType(sha, 'commit');
    const raw = (await this.git(['cat-file', 'commit', sha])).toString('utf8');
    const split = raw.indexOf('\n\n');
    const header = raw.slice(0, split).split('\n');
    const message = raw.slice(split + 2);
    const person = (line: string): GitPerson => {
      const m = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(line);
      if (!m) return { name: '', email: '', date: '' };
      return {
        name: m[1],
        email: m[2],
        date: new Date(Number(m[3]) * 1000).toISOString().replace('.000', ''),
      };
    };
    const commit: GitCommit = {
      sha,
      tree: '',
      parents: [],
      message,
      author: { name: '', email: '', date: '' },
      committer: { name: '', email: '', date: '' },
    };
    for (const line of header) {
      const [key, ...rest] = line.split(' ');
      const value = rest.join(' ');
      if (key === 'tree') commit.tree = value;
      else if (key === 'parent') commit.parents.push(value);
      else if (key === 'author') commit.author = person(value);
      else if (key === 'committer') commit.committer = person(value);
    }
    return commit;
  }

  /** Commit shas reachable from `ref`, newest first. */
  async log(ref: string, limit: number): Promise<string[]> {
    const out = await this.text(['rev-list', `--max-count=${limit}`, ref]);
    return out ? out.split('\n') : [];
  }

  /** Resolves a branch name, full ref or sha to a commit sha, or undefined. */
  async resolveCommit(ref: string): Promise<string | undefined> {
    const candidates = /^[0-9a-f]{40}$/.test(ref)
      ? [ref]
      : [`refs/heads/${ref}`, `refs/tags/${ref}`, ref];
    for (const candidate of candidates) {
      try {
        return await this.text([
          'rev-parse',
          '--verify',
          '--quiet',
          `${candidate}^{commit}`,
        ]);
      } catch {
        // try the next spelling
      }
    }
    return undefined;
  }

  async refs(prefix = 'refs/heads/'): Promise<Map<string, string>> {
    const out = await this.text([
      'for-each-ref',
      '--format=%(refname) %(objectname)',
      prefix,
    ]);
    const refs = new Map<string, string>();
    for (const line of out.split('\n').filter(Boolean)) {
      const [name, sha] = line.split(' ');
      refs.set(name, sha);
    }
    return refs;
  }

  async readRef(ref: string): Promise<string | undefined> {
    return (await this.refs(ref)).get(ref);
  }

  /** Sets `ref`, optionally only if it currently points at `expected` ('' = must not exist). */
  async updateRef(ref: string, sha: string, expected?: string) {
    await this.expectType(sha, 'commit');
    const args = ['update-ref', ref, sha];
    if (expected !== undefined) args.push(expected || ZERO_SHA);
    await this.git(args);
    await this.git(['update-server-info']);
  }

  async deleteRef(ref: string) {
    await this.git(['update-ref', '-d', ref]);
    await this.git(['update-server-info']);
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    try {
      await this.git(['merge-base', '--is-ancestor', ancestor, descendant]);
      return true;
    } catch {
      return false;
    }
  }

  /** The tree a merge of `theirs` into `ours` would produce, or undefined on conflict. */
  async mergeTree(ours: string, theirs: string): Promise<string | undefined> {
    try {
      const out = await this.text(['merge-tree', '--write-tree', ours, theirs]);
      return out.split('\n')[0];
    } catch {
      return undefined;
    }
  }

  /** Paths that differ between two commits, with their status letter (A, M, D). */
  async changedFiles(
    base: string,
    head: string,
  ): Promise<Array<{ status: string; path: string }>> {
    const out = (
      await this.git([
        'diff',
        '--name-status',
        '-z',
        '--no-renames',
        base,
        head,
      ])
    ).toString('utf8');
    const parts = out.split('\0').filter(Boolean);
    const files: Array<{ status: string; path: string }> = [];
    for (let i = 0; i + 1 < parts.length; i += 2) {
      files.push({ status: parts[i], path: parts[i + 1] });
    }
    return files;
  }

  /** A gzipped tarball of `sha` whose entries sit under `prefix/`, like GitHub's. */
  async archive(sha: string, prefix: string): Promise<Buffer> {
    await this.expectType(sha, 'commit');
    return this.git(['archive', '--format=tar.gz', `--prefix=${prefix}/`, sha]);
  }
}
