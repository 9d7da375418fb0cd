import { InputError } from '@backstage/errors';
import { promises as fs } from 'fs';
import { basename, dirname, join, relative, sep } from 'path';

/** The real path of `path`, or of the folder it will be made in (`init` makes the folder). */
async function resolvedPath(path: string): Promise<string> {
  try {
    return await fs.realpath(path);
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code !== 'ENOENT' ||
      dirname(path) === path
    )
      throw error;
    return join(await resolvedPath(dirname(path)), basename(path));
  }
}

/**
 * The CLI and the actions read and write files of one fleet folder only. A symbolic link
 * (or a linked parent folder) that leads out of it is refused before anything is read
 * through it or written to it, so a repository cannot make a render overwrite, or a
 * message echo, a file elsewhere.
 */
export async function insideFleetFolder(
  dir: string,
  path: string,
): Promise<string> {
  const target = join(dir, path);
  const root = await resolvedPath(dir);
  const inside = (real: string) => real === root || real.startsWith(root + sep);
  const refuse = (why: string) =>
    new InputError(
      `${path} in the fleet folder ${why}: inferadb-regions only reads and writes files inside the folder. Replace the link with the file itself.`,
    );
  let link = false;
  try {
    link = (await fs.lstat(target)).isSymbolicLink();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (link) {
    let real: string;
    try {
      real = await fs.realpath(target);
    } catch {
      throw refuse('is a symbolic link to nothing');
    }
    if (!inside(real)) throw refuse('is a symbolic link out of it');
    return target;
  }
  // The nearest folder on the way that exists, up to the fleet folder, must resolve
  // inside it (a folder not made yet holds no link).
  for (
    let probe = dirname(target);
    relative(dir, probe).split(sep)[0] !== '..';
    probe = dirname(probe)
  ) {
    try {
      if (!inside(await fs.realpath(probe)))
        throw refuse(
          `lies in ${relative(dir, probe) || '.'}, a symbolic link out of it`,
        );
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return target;
}
