import { GithubEmulator } from '@internal/inferadb-emulators';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { Portal, startPortal } from './__testUtils__/portal';

const exec = promisify(execFile);

// A whole backend starts and templates run through it: far slower than a unit test.
jest.setTimeout(120_000);

// The official fetch:plain (through Backstage's GitHub URL reader) and
// publish:github:pull-request (Octokit + octokit-plugin-create-pull-request), run by a
// real scaffolder against the emulator configured as the github.com integration.
describe('official GitHub actions against the GitHub emulator', () => {
  let github: GithubEmulator;
  let portal: Portal;
  let tmp: string;

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'github-actions-e2e-'));
    github = await GithubEmulator.start();
    await github.createRepository('acme', 'deploy', {
      files: {
        'README.md': '# deploy\n',
        'old/obsolete.yaml': 'gone: soon\n',
        'scripts/run.sh': '#!/bin/sh\necho hi\n',
      },
    });
    const template = {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'github-roundtrip', title: 'GitHub round trip' },
      spec: {
        owner: 'group:default/platform',
        type: 'test',
        parameters: [
          {
            properties: {
              repoUrl: { type: 'string' },
              name: { type: 'string' },
            },
          },
        ],
        steps: [
          {
            id: 'fetch',
            action: 'fetch:plain',
            input: {
              url: 'https://${{ (parameters.repoUrl | parseRepoUrl).host }}/${{ (parameters.repoUrl | parseRepoUrl).owner }}/${{ (parameters.repoUrl | parseRepoUrl).repo }}',
            },
          },
          {
            id: 'write',
            action: 'catalog:write',
            input: {
              filePath: 'services/${{ parameters.name }}/catalog-info.yaml',
              entity: {
                apiVersion: 'backstage.io/v1alpha1',
                kind: 'Component',
                metadata: { name: '${{ parameters.name }}' },
                spec: {
                  type: 'service',
                  owner: 'group:default/platform',
                  lifecycle: 'production',
                },
              },
            },
          },
          {
            id: 'publish',
            action: 'publish:github:pull-request',
            input: {
              repoUrl: '${{ parameters.repoUrl }}',
              branchName: 'add-${{ parameters.name }}',
              title: 'Add ${{ parameters.name }}',
              description: 'Adds **${{ parameters.name }}**.',
              filesToDelete: ['old/obsolete.yaml'],
            },
          },
        ],
        output: {
          links: [
            {
              title: 'Pull request',
              url: '${{ steps.publish.output.remoteUrl }}',
            },
          ],
        },
      },
    };
    await fs.writeFile(path.join(tmp, 'template.yaml'), stringify(template));
    portal = await startPortal({
      config: { integrations: { github: [github.integrationConfig()] } },
      templateLocations: [path.join(tmp, 'template.yaml')],
    });
    await portal.waitForEntity('template:default/github-roundtrip');
  });

  afterAll(async () => {
    await portal?.stop();
    await github?.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('fetches the repository, opens a pull request, and the branch clones with the change', async () => {
    const result = await portal.runTemplate(
      'template:default/github-roundtrip',
      {
        repoUrl: github.repoUrl('acme', 'deploy'),
        name: 'billing',
      },
    );
    expect(result.log.join('\n')).not.toMatch(/error/i);
    expect(result.status).toBe('completed');

    const [pull] = github.pullRequests('acme', 'deploy');
    expect(pull).toMatchObject({
      title: 'Add billing',
      body: 'Adds **billing**.',
      head: 'add-billing',
      base: 'main',
      state: 'open',
    });
    expect(result.output.links[0].url).toBe(
      `${github.urls.web}/acme/deploy/pull/${pull.number}`,
    );

    const dir = path.join(tmp, 'clone');
    await exec('git', [
      'clone',
      '--quiet',
      '--branch',
      'add-billing',
      github.cloneUrl('acme', 'deploy'),
      dir,
    ]);
    const written = await fs.readFile(
      path.join(dir, 'services/billing/catalog-info.yaml'),
      'utf8',
    );
    expect(written).toContain('name: billing');
    // Fetched files come back unchanged, deleted ones are gone, modes survive.
    expect(await fs.readFile(path.join(dir, 'README.md'), 'utf8')).toBe(
      '# deploy\n',
    );
    await expect(
      fs.access(path.join(dir, 'old/obsolete.yaml')),
    ).rejects.toThrow();
    const { stdout } = await exec('git', [
      '-C',
      dir,
      'diff',
      '--stat',
      'origin/main',
      'HEAD',
    ]);
    expect(stdout).toContain('services/billing/catalog-info.yaml');
    expect(stdout).toContain('old/obsolete.yaml');
    expect(stdout).not.toContain('README.md');
  });

  it("fails the task with GitHub's reason when GitHub refuses the pull request", async () => {
    github.addFault({
      method: 'POST',
      path: '/repos/acme/deploy/pulls',
      status: 403,
      message: 'Resource not accessible by integration',
    });
    const result = await portal.runTemplate(
      'template:default/github-roundtrip',
      {
        repoUrl: github.repoUrl('acme', 'deploy'),
        name: 'ledger',
      },
    );
    expect(result.status).toBe('failed');
    expect(result.log.join('\n')).toContain(
      'Resource not accessible by integration',
    );
    expect(
      github.pullRequests('acme', 'deploy').map(p => p.head),
    ).not.toContain('add-ledger');
  });
});
