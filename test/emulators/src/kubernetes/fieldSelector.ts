/**
 * Field selectors (`fieldSelector=` on list requests): comma-separated
 * `path=value`, `path==value` or `path!=value` over dotted object paths such
 * as `metadata.name` or `status.phase`.
 */

export type FieldSelector = (obj: object) => boolean;

function valueAt(obj: object, path: string): string {
  let node: unknown = obj;
  for (const key of path.split('.')) {
    node =
      typeof node === 'object' && node !== null
        ? (node as Record<string, unknown>)[key]
        : undefined;
  }
  return node === undefined || node === null ? '' : String(node);
}

/** Parses a field selector into a predicate; throws an Error naming the requirement it cannot parse. */
export function parseFieldSelector(
  selector: string | undefined,
): FieldSelector {
  const requirements = (selector ?? '')
    .split(',')
    .map(r => r.trim())
    .filter(Boolean)
    .map(text => {
      const match = /^([\w.-]+)\s*(==|=|!=)\s*(.*)$/.exec(text);
      if (!match)
        throw new Error(`invalid field selector requirement: "${text}"`);
      return {
        path: match[1],
        negate: match[2] === '!=',
        value: match[3].trim(),
      };
    });
  return obj =>
    requirements.every(r => (valueAt(obj, r.path) === r.value) !== r.negate);
}
