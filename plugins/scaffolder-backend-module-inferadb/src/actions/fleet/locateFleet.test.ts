import { repositoryOf } from './locateFleet';

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
