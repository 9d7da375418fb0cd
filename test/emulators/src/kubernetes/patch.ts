/**
 * The PATCH bodies the API server accepts: JSON merge patch (RFC 7386; a
 * strategic merge patch is applied the same way here, which differs only for
 * lists with merge keys) and JSON patch (RFC 6902).
 */

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/** Thrown for a patch that cannot be applied; the server answers 422 Invalid. */
export class PatchError extends Error {}

interface Operation {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/'))
    throw new PatchError(`invalid JSON pointer "${path}"`);
  return path
    .slice(1)
    .split('/')
    .map(t => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, tokens: string[], path: string): Json {
  let node = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else node = undefined;
    if (node === undefined)
      throw new PatchError(`path "${path}" does not exist`);
  }
  return node;
}

function read(doc: Json, path: string): Json {
  const tokens = pointer(path);
  if (tokens.length === 0) return doc;
  const parent = parentOf(doc, tokens, path);
  const last = tokens[tokens.length - 1];
  let value: Json;
  if (Array.isArray(parent)) value = parent[Number(last)];
  else if (isObject(parent)) value = parent[last];
  if (value === undefined)
    throw new PatchError(`path "${path}" does not exist`);
  return value;
}

function remove(doc: Json, path: string): Json {
  const tokens = pointer(path);
  const parent = parentOf(doc, tokens, path);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const index = Number(last);
    if (!(index >= 0 && index < parent.length)) {
      throw new PatchError(`path "${path}" does not exist`);
    }
    return parent.splice(index, 1)[0];
  }
  if (!isObject(parent) || !(last in parent)) {
    throw new PatchError(`path "${path}" does not exist`);
  }
  const value = parent[last];
  delete parent[last];
  return value;
}

function add(doc: Json, path: string, value: Json, replace: boolean): Json {
  const tokens = pointer(path);
  if (tokens.length === 0) return value;
  const parent = parentOf(doc, tokens, path);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (
      !(index >= 0 && index <= parent.length) ||
      (replace && index === parent.length)
    ) {
      throw new PatchError(`path "${path}" is out of range`);
    }
    parent.splice(index, replace ? 1 : 0, value);
  } else if (isObject(parent)) {
    if (replace && !(last in parent)) {
      throw new PatchError(`path "${path}" does not exist`);
    }
    parent[last] = value;
  } else {
    throw new PatchError(`path "${path}" does not exist`);
  }
  return doc;
}

export function applyJsonPatch(target: Json, operations: Json): Json {
  if (!Array.isArray(operations)) {
    throw new PatchError('a JSON patch must be an array of operations');
  }
  let doc = structuredClone(target);
  for (const raw of operations as Operation[]) {
    const { op, path, from } = raw;
    const value = structuredClone(raw.value);
    switch (op) {
      case 'add':
        doc = add(doc, path, value, false);
        break;
      case 'replace':
        doc = add(doc, path, value, true);
        break;
      case 'remove':
        remove(doc, path);
        break;
      case 'move':
        doc = add(doc, path, remove(doc, from ?? ''), false);
        break;
      case 'copy':
        doc = add(doc, path, structuredClone(read(doc, from ?? '')), false);
        break;
      case 'test':
        if (JSON.stringify(read(doc, path)) !== JSON.stringify(value)) {
          throw new PatchError(`testing value ${path} failed`);
        }
        break;
      default:
        throw new PatchError(`unknown JSON patch operation "${op}"`);
    }
  }
  return doc;
}
