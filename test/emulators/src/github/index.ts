export { GithubEmulator } from './GithubEmulator';
export type {
  GithubEmulatorOptions,
  GithubFault,
  GithubRecordedRequest,
  SeedFiles,
} from './GithubEmulator';
export type { PullRequest, HostedRepository } from './store';
