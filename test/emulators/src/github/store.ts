import { GitPerson, GitRepository } from './gitRepository';

/** A pull request as the emulator keeps it; head and base shas are read from git. */
export type PullRequest = {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  merged: boolean;
  mergeCommitSha: string | null;
  /** Branch in the same repository (forks are not emulated). */
  head: string;
  base: string;
  /** Last known head sha, kept after the branch is deleted. */
  headSha: string;
  user: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  requestedReviewers: string[];
  requestedTeams: string[];
  assignees: string[];
  labels: string[];
};

/** One emulated repository: a bare git repository plus what GitHub keeps beside it. */
export type HostedRepository = {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  createdAt: string;
  git: GitRepository;
  pulls: PullRequest[];
};

export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Git wants a date it can parse; GitHub sends ISO 8601. */
export function person(
  given: Partial<GitPerson> | undefined,
  fallback: { name: string; email: string },
): GitPerson {
  return {
    name: given?.name || fallback.name,
    email: given?.email || fallback.email,
    date: given?.date || nowIso(),
  };
}
