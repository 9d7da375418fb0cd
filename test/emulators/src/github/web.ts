import express, { Router } from 'express';
import path from 'node:path';
import { handle, notFound } from './errors';
import type { GithubEmulator } from './GithubEmulator';

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[
        c
      ]!),
  );

const page = (title: string, body: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
pre{background:#f6f8fa;padding:1rem;white-space:pre-wrap}.state{padding:.2rem .6rem;border-radius:1rem;color:#fff}
.open{background:#1f883d}.merged{background:#8250df}.closed{background:#cf222e}</style></head>
<body><p><em>GitHub emulator (loopback)</em></p>${body}</body></html>`;

/**
 * What a person (or `git clone`) sees at the URLs the API hands out: the pull
 * request page with a merge button, and the repository over git's dumb HTTP protocol.
 */
export function createWeb(emulator: GithubEmulator): Router {
  const web = express.Router();

  web.get(
    '/:owner/:repo/pull/:number',
    handle(async (req, res) => {
      const repo = emulator.repository(req.params.owner, req.params.repo);
      const pull = emulator.pullRequest(repo, Number(req.params.number));
      const shas = await emulator.pullShas(repo, pull);
      const files = await repo.git
        .changedFiles(shas.base, shas.head)
        .catch(() => []);
      const state = pull.merged ? 'merged' : pull.state;
      res.type('html').send(
        page(
          `${pull.title} #${pull.number}`,
          `<h1>${escape(pull.title)} <small>#${pull.number}</small></h1>
<p><span class="state ${state}">${state}</span>
 ${escape(pull.head)} &rarr; ${escape(pull.base)}</p>
<h2>Description</h2><pre data-testid="pr-body">${escape(pull.body ?? '')}</pre>
<h2>Files changed (${files.length})</h2>
<ul>${files
            .map(
              f =>
                `<li><code>${escape(f.status)} ${escape(f.path)}</code></li>`,
            )
            .join('')}</ul>
${
  pull.state === 'open'
    ? `<form method="post" action="/${escape(repo.owner)}/${escape(
        repo.name,
      )}/pull/${pull.number}/merge">
<button type="submit">Merge pull request</button></form>`
    : ''
}
<p>Clone: <code>git clone --branch ${escape(pull.head)} ${escape(
            emulator.urls.web,
          )}/${escape(repo.owner)}/${escape(repo.name)}.git</code></p>`,
        ),
      );
    }),
  );

  web.post(
    '/:owner/:repo/pull/:number/merge',
    handle(async (req, res) => {
      const repo = emulator.repository(req.params.owner, req.params.repo);
      const pull = emulator.pullRequest(repo, Number(req.params.number));
      await emulator.mergePullRequest(repo, pull, { method: 'merge' });
      res.redirect(303, `/${repo.owner}/${repo.name}/pull/${pull.number}`);
    }),
  );

  // The file and folder pages that html_url and the portal's logs link to:
  // /{owner}/{repo}/blob|tree/{ref}/{path}, and the repository's own page.
  const browse = handle(async (req, res) => {
    const repo = emulator.repository(req.params.owner, req.params.repo);
    const rest = ((req.params as any)[0] as string | undefined) ?? '';
    const parts = rest.split('/').filter(Boolean);
    // The longest prefix that names a commit is the ref; the rest is the path.
    for (let i = parts.length; i >= (parts.length ? 1 : 0); i--) {
      const ref = i ? parts.slice(0, i).join('/') : repo.defaultBranch;
      const sha = await repo.git.resolveCommit(ref);
      if (!sha) continue;
      const file = parts.slice(i).join('/');
      const entry = await repo.git.entryAt(sha, file);
      if (!entry) break;
      const where = `${repo.owner}/${repo.name} at ${ref}${
        file ? `: ${file}` : ''
      }`;
      if (entry.type === 'blob') {
        const text = (await repo.git.readBlob(entry.sha)).toString('utf8');
        res
          .type('html')
          .send(
            page(
              where,
              `<h1>${escape(where)}</h1><pre data-testid="file">${escape(
                text,
              )}</pre>`,
            ),
          );
        return;
      }
      const entries = await repo.git.listTree(entry.sha, false);
      const base = `/${repo.owner}/${repo.name}`;
      res.type('html').send(
        page(
          where,
          `<h1>${escape(where)}</h1><ul>${entries
            .map(e => {
              const target = `${base}/${
                e.type === 'tree' ? 'tree' : 'blob'
              }/${ref}/${file ? `${file}/` : ''}${e.path}`;
              return `<li><a href="${escape(target)}">${escape(e.path)}${
                e.type === 'tree' ? '/' : ''
              }</a></li>`;
            })
            .join('')}</ul>`,
        ),
      );
      return;
    }
    throw notFound();
  });
  web.get('/:owner/:repo/blob/*', browse);
  web.get('/:owner/:repo/tree/*', browse);
  web.get('/:owner/:repo', browse);

  // raw.githubusercontent.com's shape: /raw/{owner}/{repo}/{ref}/{path}; refs may hold slashes.
  web.get(
    '/raw/:owner/:repo/*',
    handle(async (req, res) => {
      const repo = emulator.repository(req.params.owner, req.params.repo);
      const parts = ((req.params as any)[0] as string).split('/');
      for (let i = 1; i < parts.length; i++) {
        const sha = await repo.git.resolveCommit(parts.slice(0, i).join('/'));
        if (!sha) continue;
        const entry = await repo.git.entryAt(sha, parts.slice(i).join('/'));
        if (entry?.type !== 'blob') break;
        res.type('text/plain').send(await repo.git.readBlob(entry.sha));
        return;
      }
      throw notFound();
    }),
  );

  // Dumb HTTP: clients fetch info/refs, then objects by path. update-server-info
  // runs after every ref change, so what clones see is current.
  web.get(
    '/:owner/:repoGit/*',
    handle((req, res) => {
      const match = /^(.+)\.git$/.exec(req.params.repoGit);
      if (!match) throw notFound();
      const repo = emulator.repository(req.params.owner, match[1]);
      const relative = path.posix.normalize((req.params as any)[0] as string);
      if (relative.startsWith('..') || path.isAbsolute(relative))
        throw notFound();
      res.sendFile(
        path.join(repo.git.gitDir, relative),
        { dotfiles: 'allow' },
        err => {
          if (err && !res.headersSent) res.status(404).end();
        },
      );
    }),
  );

  return web;
}
