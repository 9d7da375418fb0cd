import { GitCommit } from './gitRepository';
import { HostedRepository, PullRequest } from './store';

/** URLs of the emulator: the REST API under /api/v3, the web and git under the root. */
export type Urls = { web: string; api: string };

const nodeId = (kind: string, id: string | number) =>
  Buffer.from(`${kind}:${id}`).toString('base64');

export function ownerJson(urls: Urls, login: string) {
  return {
    login,
    id: [...login].reduce((n, c) => n * 31 + c.charCodeAt(0), 7) % 1e6,
    node_id: nodeId('User', login),
    type: 'Organization',
    url: `${urls.api}/users/${login}`,
    html_url: `${urls.web}/${login}`,
    site_admin: false,
  };
}

export function repoJson(urls: Urls, repo: HostedRepository) {
  const full = `${repo.owner}/${repo.name}`;
  const api = `${urls.api}/repos/${full}`;
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: full,
    private: false,
    visibility: 'public',
    owner: ownerJson(urls, repo.owner),
    html_url: `${urls.web}/${full}`,
    description: null,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    trees_url: `${api}/git/trees{/sha}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    commits_url: `${api}/commits{/sha}`,
    contents_url: `${api}/contents/{+path}`,
    pulls_url: `${api}/pulls{/number}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    clone_url: `${urls.web}/${full}.git`,
    default_branch: repo.defaultBranch,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    pushed_at: repo.createdAt,
    archived: false,
    disabled: false,
    permissions: {
      admin: true,
      maintain: true,
      push: true,
      triage: true,
      pull: true,
    },
  };
}

function parentsJson(urls: Urls, repo: HostedRepository, commit: GitCommit) {
  const full = `${repo.owner}/${repo.name}`;
  return commit.parents.map(sha => ({
    sha,
    url: `${urls.api}/repos/${full}/git/commits/${sha}`,
    html_url: `${urls.web}/${full}/commit/${sha}`,
  }));
}

/** `GET|POST /repos/{o}/{r}/git/commits`. */
export function gitCommitJson(
  urls: Urls,
  repo: HostedRepository,
  commit: GitCommit,
) {
  const full = `${repo.owner}/${repo.name}`;
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    url: `${urls.api}/repos/${full}/git/commits/${commit.sha}`,
    html_url: `${urls.web}/${full}/commit/${commit.sha}`,
    author: commit.author,
    committer: commit.committer,
    message: commit.message.replace(/\n$/, ''),
    tree: {
      sha: commit.tree,
      url: `${urls.api}/repos/${full}/git/trees/${commit.tree}`,
    },
    parents: parentsJson(urls, repo, commit),
    verification: {
      verified: false,
      reason: 'unsigned',
      signature: null,
      payload: null,
    },
  };
}

/** `GET /repos/{o}/{r}/commits` items and `GET /repos/{o}/{r}/commits/{ref}`. */
export function commitJson(
  urls: Urls,
  repo: HostedRepository,
  commit: GitCommit,
) {
  const full = `${repo.owner}/${repo.name}`;
  const git = gitCommitJson(urls, repo, commit);
  return {
    sha: commit.sha,
    node_id: git.node_id,
    url: `${urls.api}/repos/${full}/commits/${commit.sha}`,
    html_url: git.html_url,
    commit: {
      author: git.author,
      committer: git.committer,
      message: git.message,
      tree: git.tree,
      url: git.url,
      comment_count: 0,
      verification: git.verification,
    },
    author: null,
    committer: null,
    parents: git.parents,
  };
}

export function refJson(
  urls: Urls,
  repo: HostedRepository,
  ref: string,
  sha: string,
) {
  const full = `${repo.owner}/${repo.name}`;
  return {
    ref,
    node_id: nodeId('Ref', `${full}:${ref}`),
    url: `${urls.api}/repos/${full}/git/${ref}`,
    object: {
      type: 'commit',
      sha,
      url: `${urls.api}/repos/${full}/git/commits/${sha}`,
    },
  };
}

export function pullJson(
  urls: Urls,
  repo: HostedRepository,
  pull: PullRequest,
  shas: { head: string; base: string },
) {
  const full = `${repo.owner}/${repo.name}`;
  const repository = repoJson(urls, repo);
  return {
    url: `${urls.api}/repos/${full}/pulls/${pull.number}`,
    id: repo.id * 1000 + pull.number,
    node_id: nodeId('PullRequest', `${full}#${pull.number}`),
    html_url: `${urls.web}/${full}/pull/${pull.number}`,
    diff_url: `${urls.web}/${full}/pull/${pull.number}.diff`,
    issue_url: `${urls.api}/repos/${full}/issues/${pull.number}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: ownerJson(urls, pull.user),
    body: pull.body,
    labels: pull.labels.map(name => ({ name })),
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignees: pull.assignees.map(login => ownerJson(urls, login)),
    requested_reviewers: pull.requestedReviewers.map(login =>
      ownerJson(urls, login),
    ),
    requested_teams: pull.requestedTeams.map(slug => ({ slug, name: slug })),
    draft: pull.draft,
    head: {
      label: `${repo.owner}:${pull.head}`,
      ref: pull.head,
      sha: shas.head,
      user: ownerJson(urls, repo.owner),
      repo: repository,
    },
    base: {
      label: `${repo.owner}:${pull.base}`,
      ref: pull.base,
      sha: shas.base,
      user: ownerJson(urls, repo.owner),
      repo: repository,
    },
    merged: pull.merged,
    mergeable: pull.state === 'open' ? true : null,
    author_association: 'MEMBER',
  };
}
