import { promises as fs } from 'fs';
import { join } from 'path';
import { initFleet, renderFleetDirectory } from './operations';
import { readTree, tempDir } from './__testdata__/tree';

/** A Ledger fleet of one region, rendered, and a folder outside it. */
async function fleetAndOutside() {
  const dir = await tempDir();
  await initFleet(dir, {
    name: 'inferadb-demo',
    storage: 'ledger',
    primary: { id: 'us-west-1', cluster: 'k1' },
  });
  const outside = await tempDir('inferadb-outside-');
  return { dir, outside };
}

describe('the fleet folder', () => {
  it('refuses to render through a generated file linked out of the folder', async () => {
    const { dir, outside } = await fleetAndOutside();
    const generated = (await fs.readdir(join(dir, 'regions/us-west-1')))[0];
    const victim = join(outside, 'victim.yaml');
    await fs.writeFile(victim, 'precious: true\n');
    await fs.rm(join(dir, 'regions/us-west-1', generated));
    await fs.symlink(victim, join(dir, 'regions/us-west-1', generated));
    const before = await readTree(dir);

    await expect(renderFleetDirectory(dir)).rejects.toThrow(
      `regions/us-west-1/${generated} in the fleet folder is a symbolic link out of it: inferadb-regions only reads and writes files inside the folder. Replace the link with the file itself.`,
    );
    expect(await fs.readFile(victim, 'utf8')).toBe('precious: true\n');
    expect(await readTree(dir)).toEqual(before);
  });

  it('refuses to write into a region folder linked out of the folder', async () => {
    const { dir, outside } = await fleetAndOutside();
    await fs.rm(join(dir, 'regions/us-west-1'), { recursive: true });
    await fs.symlink(outside, join(dir, 'regions/us-west-1'));

    await expect(renderFleetDirectory(dir)).rejects.toThrow(
      /lies in regions\/us-west-1, a symbolic link out of it/,
    );
    expect(await fs.readdir(outside)).toEqual([]);
  });

  it('refuses a fleet.yaml linked out of the folder without echoing what it holds', async () => {
    const { dir, outside } = await fleetAndOutside();
    const secret = join(outside, 'id_rsa');
    await fs.writeFile(secret, '-----BEGIN OPENSSH PRIVATE KEY----- oops\n');
    await fs.rm(join(dir, 'fleet.yaml'));
    await fs.symlink(secret, join(dir, 'fleet.yaml'));

    const error = await renderFleetDirectory(dir).catch(e => e);
    expect(error.message).toMatch(
      /^fleet\.yaml in the fleet folder is a symbolic link out of it/,
    );
    expect(error.message).not.toContain('PRIVATE KEY');
  });
});
