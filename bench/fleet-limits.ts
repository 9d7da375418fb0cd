/**
 * What a fleet file can cost, at and beyond the limits (200 regions, 64 KiB): the time
 * to render 50, 100 and 200-region fleets (linear in regions is the goal: 200 / 100 near
 * 2), and the time the backend's event loop spends on one fleet file when it reads it
 * (parse and validate), for the largest fleet it takes and for files it refuses.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/fleet-limits.ts
 */
import { mkdtemp, rm, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { renderFleetDirectory } from '../plugins/inferadb-node/src/fleet/operations';
import { readFleetFile } from '../plugins/inferadb-node/src/fleet/parseFleet';
import { ledgerFleetText } from '../plugins/inferadb-node/src/fleet/__testdata__/fleets';

const RUNS = 5;
const round = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** As many regions as fit under the byte limit, one flow mapping per line. */
function compactFleetText(): string {
  const head = ledgerFleetText(0);
  const lines: string[] = [];
  let size = head.length;
  for (let i = 0; ; i++) {
    const line = `    - {id: r${i}, role: ${
      i ? 'replica' : 'primary'
    }, cluster: k${i}}`;
    if (size + line.length + 1 > 64 * 1024) break;
    lines.push(line);
    size += line.length + 1;
  }
  return `${head}${lines.join('\n')}\n`;
}

/** Median time of `work` over RUNS runs after one warm-up run. */
async function timed(work: () => unknown | Promise<unknown>) {
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now();
    await work();
    if (run > 0) times.push(performance.now() - started);
  }
  return median(times);
}

async function renderMs(regions: number) {
  const text = ledgerFleetText(regions);
  return timed(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-limits-'));
    await writeFile(join(dir, 'fleet.yaml'), text);
    await renderFleetDirectory(dir);
    await rm(dir, { recursive: true, force: true });
  });
}

async function main() {
  console.log(`fleet limits, median of ${RUNS} runs each`);
  const render: Record<number, number> = {};
  for (const regions of [50, 100, 200]) {
    render[regions] = await renderMs(regions);
    console.log(
      `  render a ${regions}-region Ledger fleet into an empty folder: ${round(
        render[regions],
      )} ms (${round(render[regions] / regions)} ms per region)`,
    );
  }
  console.log(
    `  200 / 100 regions: x${round(
      render[200] / render[100],
    )} (linear: about 2)`,
  );
  for (const [what, text] of [
    ['the largest fleet taken (200 regions)', ledgerFleetText(200)],
    [
      'refused: 201 regions (parsed, then over the region limit)',
      ledgerFleetText(201),
    ],
    [
      'refused: 5,000 regions (over the byte limit, not parsed)',
      ledgerFleetText(5000),
    ],
    [
      'refused: the most regions that fit in 64 KiB (parsed, then over the region limit)',
      compactFleetText(),
    ],
  ] as const) {
    const ms = await timed(() => readFleetFile(text));
    const problems = readFleetFile(text).problems.length;
    console.log(
      `  backend reads ${what}, ${text.length} bytes: ${round(
        ms,
      )} ms on the event loop${problems ? ', refused' : ''}`,
    );
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
