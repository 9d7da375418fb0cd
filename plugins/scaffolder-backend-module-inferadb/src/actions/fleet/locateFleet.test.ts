import { ConfigReader } from '@backstage/config';
import { readFleetFile } from '@inferadb-regions/plugin-inferadb-node';
import {
  checkGithubIntegration,
  fleetRegion,
  repositoryOf,
} from './locateFleet';

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

  it('keeps the scheme and port of a GitHub Enterprise host served over plain HTTP', () => {
    expect(
      repositoryOf('http://127.0.0.1:7130/acme/deploy/blob/main/fleet.yaml'),
    ).toEqual({
      repoUrl: '127.0.0.1:7130?owner=acme&repo=deploy',
      repositoryUrl: 'http://127.0.0.1:7130/acme/deploy',
      branch: 'main',
      fleetPath: '.',
    });
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

describe('fleetRegion', () => {
  const url = 'https://github.com/acme/deploy/blob/main/fleet.yaml';
  const { fleet } = readFleetFile(`apiVersion: inferadb.io/v1alpha1
kind: Fleet
metadata:
  name: prod
spec:
  storage:
    type: ledger
  regions:
    - id: us-west-1
      role: primary
      cluster: west
    - id: eu-central-1
      role: replica
      cluster: central
      namespace: inferadb-eu
`);

  it("gives a region's role, cluster and namespace, the namespace defaulted", () => {
    expect(fleetRegion(fleet!, url, 'eu-central-1')).toEqual({
      id: 'eu-central-1',
      role: 'replica',
      cluster: 'central',
      namespace: 'inferadb-eu',
    });
    expect(fleetRegion(fleet!, url, 'us-west-1').namespace).toBe('inferadb');
  });

  it('names the regions the fleet has when the one asked for is not among them', () => {
    expect(() => fleetRegion(fleet!, url, 'sa-east-1')).toThrow(
      `fleet prod has no region sa-east-1 in ${url} (its regions: us-west-1, eu-central-1): choose one of those, or merge the pull request that adds it first`,
    );
  });
});
