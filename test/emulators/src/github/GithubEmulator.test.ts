import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { GithubEmulator } from './GithubEmulator';

const exec = promisify(execFile);

describe('GithubEmulator', () => {
  let github: GithubEmulator;
  let tmp: string;

  const call = async (
    method: string,
    apiPath: string,
    body?: unknown,
    token = github.token,
  ) => {
    const res = await fetch(`${github.apiBaseUrl}${apiPath}`, {
      method,
      headers: {
        authorization: `token ${token}`,
        'content-type': 'application/json',
        accept: 'application/vnd.github+json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      json: text ? JSON.parse(text) : undefined,
    };
  };

  beforeEach(async () => {
    github = await GithubEmulator.start();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'gh-emulator-test-'));
    await github.createRepository('acme', 'deploy', {
      files: { 'README.md': '# deploy\n', 'fleet/fleet.yaml': 'name: demo\n' },
    });
  });

  afterEach(async () => {
    await github.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('refuses calls without the configured token, in GitHub error format', async () => {
    const res = await call('GET', '/repos/acme/deploy', undefined, 'wrong');
    expect(res.status).toBe(401);
    expect(res.json.message).toBe('Bad credentials');
    const missing = await fetch(`${github.apiBaseUrl}/repos/acme/deploy`);
    expect(missing.status).toBe(401);
    expect((await call('GET', '/repos/acme/nope')).status).toBe(404);
  });

  it('serves repository, commit status, contents and a tarball of the default branch', async () => {
    const repo = await call('GET', '/repos/acme/deploy');
    expect(repo.json).toMatchObject({
      full_name: 'acme/deploy',
      default_branch: 'main',
      permissions: { push: true },
    });
    const status = await call(
      'GET',
      '/repos/acme/deploy/commits/main/status?per_page=0',
    );
    expect(status.json.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(status.json.repository.archive_url).toContain(
      '{archive_format}{/ref}',
    );

    const raw = await fetch(
      `${github.apiBaseUrl}/repos/acme/deploy/contents/fleet/fleet.yaml?ref=main`,
      {
        headers: {
          authorization: `Bearer ${github.token}`,
          accept: 'application/vnd.github.v3.raw',
        },
      },
    );
    expect(await raw.text()).toBe('name: demo\n');

    const tarUrl = status.json.repository.archive_url
      .replace('{archive_format}', 'tarball')
      .replace('{/ref}', `/${status.json.sha}`);
    const tar = await fetch(tarUrl, {
      headers: { authorization: `token ${github.token}` },
    });
    const file = path.join(tmp, 'repo.tar.gz');
    await fs.writeFile(file, Buffer.from(await tar.arrayBuffer()));
    const { stdout } = await exec('tar', ['-tzf', file]);
    expect(stdout.split('\n')).toContain(
      `acme-deploy-${status.json.sha.slice(0, 7)}/fleet/fleet.yaml`,
    );
  });

  it('builds commits from blobs and nested trees, opens a pull request, and git clones the branch', async () => {
    const [latest] = (
      await call('GET', '/repos/acme/deploy/commits?sha=main&per_page=1')
    ).json;
    const blob = await call('POST', '/repos/acme/deploy/git/blobs', {
      content: Buffer.from('region: eu\n').toString('base64'),
      encoding: 'base64',
    });
    expect(blob.status).toBe(201);
    const tree = await call('POST', '/repos/acme/deploy/git/trees', {
      base_tree: latest.commit.tree.sha,
      tree: [
        { path: 'regions/eu/region.yaml', mode: '100644', sha: blob.json.sha },
        { path: 'README.md', mode: '100644', sha: null },
        { path: 'notes.txt', mode: '100644', content: 'hello\n' },
      ],
    });
    expect(tree.status).toBe(201);
    const commit = await call('POST', '/repos/acme/deploy/git/commits', {
      message: 'Add eu',
      tree: tree.json.sha,
      parents: [latest.sha],
      author: { name: 'Ada', email: 'ada@example.com' },
    });
    expect(commit.json).toMatchObject({
      message: 'Add eu',
      author: { name: 'Ada' },
    });

    const gql = async () =>
      (
        await fetch(`${github.urls.web}/api/graphql`, {
          method: 'POST',
          headers: {
            authorization: `bearer ${github.token}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            query:
              'query ($owner: String!, $repo: String!, $head: String!) { repository(name: $repo, owner: $owner) { ref(qualifiedName: $head) { associatedPullRequests(first: 1, states: OPEN) { edges { node { id number url } } } } } }',
            variables: { owner: 'acme', repo: 'deploy', head: 'add-eu' },
          }),
        })
      ).json();
    expect((await gql()).data.repository.ref).toBeNull();

    expect(
      (
        await call('POST', '/repos/acme/deploy/git/refs', {
          ref: 'refs/heads/add-eu',
          sha: commit.json.sha,
        })
      ).status,
    ).toBe(201);
    const again = await call('POST', '/repos/acme/deploy/git/refs', {
      ref: 'refs/heads/add-eu',
      sha: commit.json.sha,
    });
    expect(again).toMatchObject({
      status: 422,
      json: { message: 'Reference already exists' },
    });

    const pr = await call('POST', '/repos/acme/deploy/pulls', {
      title: 'Add eu',
      body: 'plan',
      head: 'acme:add-eu',
      base: 'main',
    });
    expect(pr.status).toBe(201);
    expect(pr.json).toMatchObject({
      number: 1,
      state: 'open',
      body: 'plan',
      head: { ref: 'add-eu' },
      base: { ref: 'main' },
    });
    expect(
      (await gql()).data.repository.ref.associatedPullRequests.edges[0].node
        .number,
    ).toBe(1);
    const duplicate = await call('POST', '/repos/acme/deploy/pulls', {
      title: 'x',
      head: 'add-eu',
      base: 'main',
    });
    expect(duplicate.status).toBe(422);

    const dir = path.join(tmp, 'clone');
    await exec('git', [
      'clone',
      '--quiet',
      '--branch',
      'add-eu',
      github.cloneUrl('acme', 'deploy'),
      dir,
    ]);
    expect(
      await fs.readFile(path.join(dir, 'regions/eu/region.yaml'), 'utf8'),
    ).toBe('region: eu\n');
    expect(await fs.readFile(path.join(dir, 'fleet/fleet.yaml'), 'utf8')).toBe(
      'name: demo\n',
    );
    await expect(fs.access(path.join(dir, 'README.md'))).rejects.toThrow();

    const page = await (await fetch(pr.json.html_url)).text();
    expect(page).toContain('regions/eu/region.yaml');
  });

  it('serves the file and folder pages its own URLs name, on a host of its own over plain HTTP', async () => {
    const own = await GithubEmulator.start();
    const port = new URL(own.apiBaseUrl).port;
    await own.stop();
    const local = await GithubEmulator.start({
      port: Number(port),
      host: `127.0.0.1:${port}`,
    });
    try {
      await local.createRepository('acme', 'deploy', {
        files: { 'fleet/fleet.yaml': 'name: <demo>\n' },
      });
      const file = local.htmlUrl('acme', 'deploy', 'main', 'fleet/fleet.yaml');
      expect(file).toBe(
        `http://127.0.0.1:${port}/acme/deploy/blob/main/fleet/fleet.yaml`,
      );
      const filePage = await fetch(file);
      expect(filePage.status).toBe(200);
      expect(await filePage.text()).toContain('name: &lt;demo&gt;');

      const folder = await (
        await fetch(`${local.htmlUrl('acme', 'deploy', 'main')}/fleet`)
      ).text();
      expect(folder).toContain(
        'href="/acme/deploy/blob/main/fleet/fleet.yaml"',
      );
      const root = await (await fetch(local.htmlUrl('acme', 'deploy'))).text();
      expect(root).toContain('href="/acme/deploy/tree/main/fleet"');
      expect(
        (await fetch(local.htmlUrl('acme', 'deploy', 'main', 'nope.yaml')))
          .status,
      ).toBe(404);
    } finally {
      await local.stop();
    }
    // On github.com, the URLs are GitHub's.
    expect(github.htmlUrl('acme', 'deploy')).toBe(
      'https://github.com/acme/deploy',
    );
  });

  it('merges a pull request into its base and deletes branches', async () => {
    const [latest] = (
      await call('GET', '/repos/acme/deploy/commits?sha=main&per_page=1')
    ).json;
    const tree = await call('POST', '/repos/acme/deploy/git/trees', {
      base_tree: latest.commit.tree.sha,
      tree: [{ path: 'a.txt', mode: '100644', content: 'a\n' }],
    });
    const commit = await call('POST', '/repos/acme/deploy/git/commits', {
      message: 'a',
      tree: tree.json.sha,
      parents: [latest.sha],
    });
    await call('POST', '/repos/acme/deploy/git/refs', {
      ref: 'refs/heads/a',
      sha: commit.json.sha,
    });
    const pr = await call('POST', '/repos/acme/deploy/pulls', {
      title: 'a',
      head: 'a',
      base: 'main',
    });
    const merge = await call(
      'PUT',
      `/repos/acme/deploy/pulls/${pr.json.number}/merge`,
      {},
    );
    expect(merge.json.merged).toBe(true);
    const content = await call(
      'GET',
      '/repos/acme/deploy/contents/a.txt?ref=main',
    );
    expect(Buffer.from(content.json.content, 'base64').toString()).toBe('a\n');
    expect(
      (await call('GET', `/repos/acme/deploy/pulls/${pr.json.number}`)).json,
    ).toMatchObject({ state: 'closed', merged: true });

    expect(
      (await call('DELETE', '/repos/acme/deploy/git/refs/heads/a')).status,
    ).toBe(204);
    expect(await github.branches('acme', 'deploy')).toEqual(['main']);
  });

  it('rejects a non-fast-forward ref update unless forced', async () => {
    const [latest] = (
      await call('GET', '/repos/acme/deploy/commits?sha=main&per_page=1')
    ).json;
    const other = await call('POST', '/repos/acme/deploy/git/commits', {
      message: 'orphan',
      tree: latest.commit.tree.sha,
      parents: [],
    });
    const update = await call(
      'PATCH',
      '/repos/acme/deploy/git/refs/heads/main',
      { sha: other.json.sha },
    );
    expect(update).toMatchObject({
      status: 422,
      json: { message: 'Update is not a fast forward' },
    });
    expect(
      (
        await call('PATCH', '/repos/acme/deploy/git/refs/heads/main', {
          sha: other.json.sha,
          force: true,
        })
      ).status,
    ).toBe(200);
  });

  it('answers injected faults with GitHub error bodies, then recovers', async () => {
    github.addFault({
      method: 'POST',
      path: /\/pulls$/,
      status: 403,
      message: 'Resource not accessible by integration',
    });
    const res = await call('POST', '/repos/acme/deploy/pulls', {
      title: 'x',
      head: 'main',
      base: 'main',
    });
    expect(res).toMatchObject({
      status: 403,
      json: { message: 'Resource not accessible by integration' },
    });
    expect(
      (
        await call('POST', '/repos/acme/deploy/pulls', {
          title: 'x',
          head: 'main',
          base: 'main',
        })
      ).status,
    ).toBe(422);
    expect(github.requests.filter(r => r.method === 'POST')).toHaveLength(2);
  });
});
