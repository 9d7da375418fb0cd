import { MAX_FLEET_FILE_BYTES } from '@inferadb-regions/plugin-inferadb-common';
import { promises as fs } from 'fs';
import { join } from 'path';
import { Readable } from 'stream';
import { fleetFileText } from './fleetFileText';
import { renderFleetDirectory, validateFleetDirectory } from './operations';
import { MAX_PLAN_MARKDOWN } from './plan';
import { readFleetFile } from './parseFleet';
import { ledgerFleetText } from './__testdata__/fleets';
import { tempDir } from './__testdata__/tree';

describe('fleet file limits', () => {
  it('takes 200 regions', () => {
    expect(readFleetFile(ledgerFleetText(200)).problems).toEqual([]);
  });

  it('refuses more than 200 regions, saying what to do', () => {
    expect(readFleetFile(ledgerFleetText(201)).problems).toEqual([
      expect.objectContaining({
        field: 'spec.regions',
        message: expect.stringContaining(
          'may list at most 200 regions; split a larger deployment into several fleets',
        ),
      }),
    ]);
  });

  it('refuses a 5,000-region file by its size, before parsing it', () => {
    const text = ledgerFleetText(5000);
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_FLEET_FILE_BYTES);
    expect(readFleetFile(text)).toEqual({
      problems: [
        {
          field: 'fleet.yaml',
          message: `is ${Buffer.byteLength(
            text,
          )} bytes; a fleet file may be at most 65536 bytes (200 regions take about 60 KB with every field): check that it is the fleet file`,
        },
      ],
    });
  });

  it('stops reading a fleet file from a URL at the limit', async () => {
    let served = 0;
    // An endless answer: the reader must stop, not buffer it.
    const endless = new Readable({
      read() {
        served += 64 * 1024;
        this.push(Buffer.alloc(64 * 1024, 0x20));
      },
    });
    const text = await fleetFileText({
      buffer: () => Promise.reject(new Error('not to be buffered')),
      stream: () => endless,
    });
    expect(text).toBeUndefined();
    expect(served).toBeLessThan(MAX_FLEET_FILE_BYTES + 4 * 64 * 1024);
    expect(readFleetFile(text).problems[0].message).toMatch(
      /^is over 65536 bytes; a fleet file may be at most 65536 bytes/,
    );
  });

  it('the CLI refuses an oversized fleet.yaml by its size', async () => {
    const dir = await tempDir();
    await fs.writeFile(join(dir, 'fleet.yaml'), ledgerFleetText(5000));
    await expect(validateFleetDirectory(dir)).rejects.toMatchObject({
      message: expect.stringContaining('fleet.yaml cannot be read'),
      problems: [
        expect.objectContaining({
          field: 'fleet.yaml',
          message: expect.stringMatching(/^is \d+ bytes; a fleet file may be/),
        }),
      ],
    });
  });

  it("keeps a 200-region plan within what GitHub takes for a pull request's description, and writes the whole plan beside the files", async () => {
    const dir = await tempDir();
    await fs.writeFile(join(dir, 'fleet.yaml'), ledgerFleetText(200));
    const { plan, changedPaths } = await renderFleetDirectory(dir);

    expect(changedPaths.length).toBeGreaterThan(1000);
    expect(plan.markdown.length).toBeLessThanOrEqual(MAX_PLAN_MARKDOWN);
    const planPath = 'plans/render-fleet-big.md';
    expect(plan.markdown).toMatch(
      new RegExp(
        `This description leaves out \\d+ of ${plan.changes.length} files and \\d+ of \\d+ diffs, to stay within what GitHub takes\\. The whole plan, with every file and diff, is in \`${planPath}\` in this pull request\\.`,
      ),
    );
    expect(changedPaths).toContain(planPath);

    const whole = await fs.readFile(join(dir, planPath), 'utf8');
    const lastRegion = 'regions/region-199/engine-values.yaml';
    expect(plan.markdown).not.toContain(`<summary>${lastRegion}`);
    expect(whole).toContain(`<summary>${lastRegion} (created)</summary>`);
    expect(whole).toContain(`- created: \`${lastRegion}\``);
  });

  it('writes no whole-plan file for a plan that fits, nor in a dry run', async () => {
    const small = await tempDir();
    await fs.writeFile(join(small, 'fleet.yaml'), ledgerFleetText(2));
    const fits = await renderFleetDirectory(small);
    expect(fits.plan.fullPlan).toBeUndefined();
    expect(fits.changedPaths.some(p => p.startsWith('plans/'))).toBe(false);

    const big = await tempDir();
    await fs.writeFile(join(big, 'fleet.yaml'), ledgerFleetText(200));
    const dry = await renderFleetDirectory(big, { dryRun: true });
    expect(dry.plan.fullPlan?.path).toBe('plans/render-fleet-big.md');
    await expect(fs.readdir(join(big, 'plans'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});
