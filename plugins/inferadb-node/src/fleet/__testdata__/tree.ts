import { promises as fs } from 'fs';
import { join, relative } from 'path';

/** Every file under `dir` (relative POSIX path to bytes), to prove a directory unchanged. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  async function walk(current: string) {
    for (const entry of await fs.readdir(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        await walk(full);
      } else {
        files.set(
          relative(dir, full).split('\\').join('/'),
          await fs.readFile(full),
        );
      }
    }
  }
  await walk(dir);
  return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** The same as text, for comparisons with readable failures. */
export async function readTextTree(
  dir: string,
): Promise<Record<string, string>> {
  const tree = await readTree(dir);
  return Object.fromEntries(
    [...tree].map(([path, content]) => [path, content.toString('utf8')]),
  );
}

/**
 * Compares a directory with a golden folder. `UPDATE_GOLDEN=1` rewrites the golden folder
 * instead (review the diff before committing it).
 */
export async function expectMatchesGolden(dir: string, name: string) {
  // eslint-disable-next-line no-restricted-syntax -- test data lives beside the tests
  const golden = join(__dirname, 'golden', name);
  const actual = await readTextTree(dir);
  if (process.env.UPDATE_GOLDEN) {
    await fs.rm(golden, { recursive: true, force: true });
    for (const [path, content] of Object.entries(actual)) {
      await fs.mkdir(join(golden, path, '..'), { recursive: true });
      await fs.writeFile(join(golden, path), content);
    }
    return;
  }
  expect(actual).toEqual(await readTextTree(golden));
}

/** A fresh temporary directory. */
export async function tempDir(prefix = 'inferadb-fleet-'): Promise<string> {
  const os = await import('os');
  return fs.mkdtemp(join(os.tmpdir(), prefix));
}
