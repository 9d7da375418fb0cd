/**
 * Adding a region re-renders every region's files (peer lists change everywhere), so its
 * cost grows with the fleet. This measures `addRegion` (validate, render, diff, write) on a
 * 50-region Ledger fleet and on a 2-region FoundationDB fleet, each run on a fresh copy of
 * the fleet directory, and prints median times and their ratio. Results go to stdout only.
 * Goal: a region added to a 50-region fleet in well under a second, i.e. interactive in
 * the template and the CLI.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/region-add.ts
 */
import { cp, mkdtemp, rm } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  addRegion,
  initFleet,
  renderFleetDirectory,
} from '../plugins/inferadb-node/src/fleet/operations';
import { FLEET_FILE } from '../plugins/inferadb-node/src/fleet/layout';
import { Document, parseDocument } from 'yaml';
import { readFile, writeFile } from 'fs/promises';

const RUNS = 9;

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function ledgerFleetOf(regions: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-ledger-'));
  await initFleet(dir, {
    name: 'bench',
    storage: 'ledger',
    primary: { id: 'region-0', cluster: 'k-0' },
  });
  const doc = parseDocument(
    await readFile(join(dir, FLEET_FILE), 'utf8'),
  ) as Document;
  for (let i = 1; i < regions; i++) {
    doc.addIn(['spec', 'regions'], {
      id: `region-${i}`,
      role: i === 1 ? 'dr' : 'replica',
      cluster: `k-${i}`,
    });
  }
  await writeFile(join(dir, FLEET_FILE), doc.toString());
  await renderFleetDirectory(dir);
  return dir;
}

async function fdbFleetOfTwo(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-fdb-'));
  await initFleet(dir, {
    name: 'bench',
    storage: 'foundationdb',
    primary: { id: 'us-west-1', cluster: 'k-1' },
  });
  await addRegion(dir, {
    region: { id: 'eu-central-1', role: 'dr', cluster: 'k-2' },
    seedConnectionString: 'bench:abc@10.0.0.1:4501',
  });
  return dir;
}

async function measure(
  template: string,
  add: (dir: string) => Promise<unknown>,
) {
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const dir = await mkdtemp(join(tmpdir(), 'bench-run-'));
    await cp(template, dir, { recursive: true });
    const started = performance.now();
    await add(dir);
    const ms = performance.now() - started;
    if (run > 0) times.push(ms); // the first run warms modules and caches
    await rm(dir, { recursive: true, force: true });
  }
  return median(times);
}

async function main() {
  const ledger = await ledgerFleetOf(50);
  const fdb = await fdbFleetOfTwo();
  try {
    const ledgerMs = await measure(ledger, dir =>
      addRegion(dir, {
        region: { id: 'region-new', role: 'replica', cluster: 'k-new' },
      }),
    );
    const ledgerDryMs = await measure(ledger, dir =>
      addRegion(
        dir,
        { region: { id: 'region-new', role: 'replica', cluster: 'k-new' } },
        { dryRun: true },
      ),
    );
    const fdbMs = await measure(fdb, dir =>
      addRegion(dir, {
        region: { id: 'us-east-1', role: 'satellite', cluster: 'k-3' },
      }),
    );
    const round = (n: number) => Math.round(n * 10) / 10;
    console.log(
      `region-add, median of ${RUNS} runs each (fresh copy of the fleet per run)`,
    );
    console.log(
      `  50-region Ledger fleet, add a replica:            ${round(
        ledgerMs,
      )} ms (${round(ledgerMs / 51)} ms per region rendered)`,
    );
    console.log(
      `  50-region Ledger fleet, add a replica, dry run:   ${round(
        ledgerDryMs,
      )} ms`,
    );
    console.log(
      `  2-region FDB fleet, add a satellite:              ${round(fdbMs)} ms`,
    );
    console.log(
      `  ratio 50-region Ledger / 2-region FDB:            ${round(
        ledgerMs / fdbMs,
      )}x`,
    );
    console.log(
      `  goal: 50-region add < 1000 ms -> ${
        ledgerMs < 1000 ? 'met' : 'NOT met'
      }`,
    );
  } finally {
    await rm(ledger, { recursive: true, force: true });
    await rm(fdb, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
