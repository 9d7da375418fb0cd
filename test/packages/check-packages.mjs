// Builds each published package and checks what `yarn pack` would put in its tarball:
// the built entry points, types and README are there; sources and tests are not.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, resolve } from 'node:path';
import { PUBLISHED } from './published.mjs';

const root = resolve(import.meta.dirname, '../..');

/** Paths a tarball must never hold. */
const FORBIDDEN = [
  /^src\//,
  /\.test\.[cm]?[jt]sx?$/,
  /__testUtils__|__fixtures__|__testdata__/,
  /(^|\/)report(-\w+)?\.api\.md$/,
];

function run(cwd, args) {
  return execFileSync('yarn', args, { cwd, encoding: 'utf8' });
}

/** The files `yarn pack` would include, from its JSON lines. */
function packedFiles(dir) {
  return run(dir, ['pack', '--dry-run', '--json'])
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line))
    .filter(entry => entry.location)
    .map(entry => entry.location);
}

/** Where the published manifest points: `publishConfig` over the package's own fields. */
function entryPoints(pkg) {
  const published = { ...pkg, ...pkg.publishConfig };
  if (pkg.exports) {
    // backstage-cli's prepack points each export at dist, named after its source file
    return ['dist/index.d.ts'];
  }
  return [published.main, published.types].filter(Boolean);
}

/**
 * Packages the published types import (read from the API reports) that the package does
 * not declare: a user's `tsc` fails on them (TS2742) or picks up whatever copy it finds.
 */
function undeclaredTypeImports(dir, pkg) {
  const declared = new Set(
    Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }),
  );
  const reports = readdirSync(dir).filter(f => /^report.*\.api\.md$/.test(f));
  const imported = new Set();
  for (const report of reports) {
    const text = readFileSync(join(dir, report), 'utf8');
    for (const [, spec] of text.matchAll(/^import .* from '([^']+)';$/gm)) {
      if (isBuiltin(spec)) continue;
      const parts = spec.split('/');
      imported.add(
        spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0],
      );
    }
  }
  return [...imported].filter(name => !declared.has(name));
}

let failures = 0;
for (const rel of PUBLISHED) {
  const dir = join(root, rel);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  run(dir, ['backstage-cli', 'package', 'build']);
  const files = packedFiles(dir);
  const problems = [];
  for (const file of files) {
    if (FORBIDDEN.some(re => re.test(file))) problems.push(`holds ${file}`);
  }
  for (const needed of [...entryPoints(pkg), 'README.md', 'package.json']) {
    if (!files.includes(needed)) problems.push(`lacks ${needed}`);
  }
  if (pkg.private) problems.push('is private');
  for (const name of undeclaredTypeImports(dir, pkg)) {
    problems.push(`its types import ${name}, which it does not declare`);
  }
  if (problems.length) {
    failures += 1;
    console.error(`${pkg.name}: ${problems.join('; ')}`);
  } else {
    console.log(`${pkg.name}: ${files.length} files, no sources or tests`);
  }
  run(dir, ['backstage-cli', 'package', 'clean']);
}
if (failures) {
  console.error(
    `${failures} package(s) would publish the wrong files: fix "files" or "publishConfig" in their package.json`,
  );
  process.exit(1);
}
