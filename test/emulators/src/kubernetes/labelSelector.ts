/**
 * Kubernetes label selectors (`labelSelector=` on list requests): equality
 * (`a=b`, `a==b`, `a!=b`), sets (`a in (x,y)`, `a notin (x)`) and existence
 * (`a`, `!a`), comma-separated requirements that must all hold.
 */

type Requirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'absent'; key: string };

export type LabelSelector = (
  labels: Record<string, string> | undefined,
) => boolean;

/** Splits on commas that are not inside a `( ... )` value set. */
function splitRequirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(p => p.length > 0);
}

function parseRequirement(text: string): Requirement {
  const set = /^([^\s!=()]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(text);
  if (set) {
    const values = set[3]
      .split(',')
      .map(v => v.trim())
      .filter(Boolean);
    return { op: set[2] as 'in' | 'notin', key: set[1], values };
  }
  const equality = /^([^\s!=()]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(text);
  if (equality) {
    const op = equality[2] === '!=' ? 'neq' : 'eq';
    return { op, key: equality[1], value: equality[3] };
  }
  const absent = /^!\s*([^\s!=()]+)$/.exec(text);
  if (absent) return { op: 'absent', key: absent[1] };
  if (/^[^\s!=()]+$/.test(text)) return { op: 'exists', key: text };
  throw new Error(`unable to parse requirement: "${text}"`);
}

/**
 * Parses a label selector into a predicate; throws an Error whose message
 * names the requirement that could not be parsed.
 */
export function parseLabelSelector(
  selector: string | undefined,
): LabelSelector {
  const requirements = splitRequirements(selector ?? '').map(parseRequirement);
  return labels => {
    const l = labels ?? {};
    return requirements.every(r => {
      const has = Object.prototype.hasOwnProperty.call(l, r.key);
      switch (r.op) {
        case 'eq':
          return has && l[r.key] === r.value;
        case 'neq':
          return !has || l[r.key] !== r.value;
        case 'in':
          return has && r.values.includes(l[r.key]);
        case 'notin':
          return !has || !r.values.includes(l[r.key]);
        case 'exists':
          return has;
        case 'absent':
        default:
          return !has;
      }
    });
  };
}
