import { ConfigReader } from '@backstage/config';
import { checkGithubIntegration, repositoryOf } from './locateFleet';

describe('repositoryOf', () => {
  it('finds repository, branch and folder of a fleet file URL', () => {
    expect(
      repositoryOf(
        'https://github.com/acme/deploy/blob/main/fleets/prod/fleet.yaml',
      ),
    ).toEqual({
      repoUrl: 'github.com?owner=acme&repo=deploy',
      repositoryUrl: 'https://github.com/acme/deploy',
      branch: 'main',
      fleetPath: 'fleets/prod',
    });
    // The catalog may write tree/ where blob/ was registered.
    expect(
      repositoryOf('https://github.com/acme/deploy/tree/main/fleet.yaml')
        .fleetPath,
    ).toBe('.');
  });

  it('refuses a URL that is not a fleet.yaml in a repository', () => {
    expect(() =>
      repositoryOf('https://github.com/acme/deploy/blob/main/myfleet.yaml'),
    ).toThrow(/is not a file of a repository/);
    expect(() => repositoryOf('https://example.com/fleet.yaml')).toThrow(
      /fix inferadb.io\/fleet-file of the fleet's System/,
    );
  });
});

describe('checkGithubIntegration', () => {
  const config = new ConfigReader({
    integrations: { github: [{ host: 'ghe.acme.example', token: 't' }] },
  });

  it('takes github.com and the hosts app-config has an integration for', () => {
    expect(() => checkGithubIntegration(config, 'github.com')).not.toThrow();
    expect(() =>
      checkGithubIntegration(config, 'ghe.acme.example'),
    ).not.toThrow();
  });

  it('names a host without an integration and how to add one', () => {
    expect(() => checkGithubIntegration(config, 'git.other.example')).toThrow(
      "the fleet's repository is on git.other.example, which has no integrations.github entry in app-config (it has ghe.acme.example): add one with host git.other.example and a token, so the pull request can be opened there",
    );
  });
});
