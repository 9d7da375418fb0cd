// Runs every benchmark in this folder, one after another, from TypeScript source.
// `yarn bench` runs them all; `yarn bench region-add` runs those whose name matches.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const filter = process.argv[2];
// Modules the benchmarks load, not benchmarks of their own.
const helpers = new Set([
  'health-setup.ts',
  'health-upstream.ts',
  'replayingApiServer.ts',
  'slowPrometheus.ts',
  'health-viewer-load.ts',
  'health-sources.ts',
]);
const benches = readdirSync(here)
  .filter(f => f.endsWith('.ts') && !helpers.has(f))
  .filter(f => !filter || f.includes(filter))
  .sort();

const missed = [];
for (const bench of benches) {
  console.log(`\n== ${bench}`);
  const { status } = spawnSync(
    process.execPath,
    ['--require', '@backstage/cli/config/nodeTransform.cjs', join(here, bench)],
    { stdio: 'inherit' },
  );
  if (status !== 0) missed.push(bench);
}
if (missed.length) {
  console.log(`\nGoals missed or failed: ${missed.join(', ')}`);
  process.exitCode = 1;
}
