import { posix } from 'path';
import { createTwoFilesPatch } from 'diff';
import { FileChange } from './changes';
import { GENERATED_MANIFEST_FILE, PLANS_FOLDER } from './layout';
import { FleetProblem } from './problems';
import { FdbStage } from './stages';

/**
 * A file change with its unified diff.
 *
 * @public
 */
export interface PlannedChange {
  path: string;
  kind: FileChange['kind'];
  diff: string;
}

/**
 * The plan of a fleet change; its Markdown becomes the pull request body.
 *
 * @public
 */
export interface FleetPlan {
  title: string;
  summary: string[];
  changes: PlannedChange[];
  stages: FdbStage[];
  warnings: FleetProblem[];
  /** Bounded to what a pull request's description takes. */
  markdown: string;
  /** The whole plan, when `markdown` had to leave files or diffs out. */
  fullPlan?: {
    /** Relative to the fleet directory. */
    path: string;
    markdown: string;
  };
}

/**
 * The longest plan: it becomes a pull request's description, which GitHub cuts at 65,536
 * characters. Files and diffs that do not fit are left out; the whole plan goes to a file.
 */
export const MAX_PLAN_MARKDOWN = 60_000;

/** Unified diff of one change (`/dev/null` on the missing side). */
export function unifiedDiff(change: FileChange): string {
  const patch = createTwoFilesPatch(
    change.kind === 'create' ? '/dev/null' : `a/${change.path}`,
    change.kind === 'delete' ? '/dev/null' : `b/${change.path}`,
    change.before ?? '',
    change.after ?? '',
    undefined,
    undefined,
    { context: 3 },
  );
  // The first line is a `====` separator that `git apply` and reviewers do not need.
  return patch.replace(/^=+\n/, '');
}

const VERBS: Record<FileChange['kind'], string> = {
  create: 'created',
  update: 'changed',
  delete: 'deleted',
};

function fence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map(t => t.length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}diff\n${text.endsWith('\n') ? text : `${text}\n`}${ticks}`;
}

/**
 * Where a plan too long for a pull request's description is kept whole, relative to the
 * fleet directory: one file per change, named after its title.
 */
export function fullPlanPath(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return posix.join(PLANS_FOLDER, `${slug}.md`);
}

function headerLines(options: PlanInput): string[] {
  const lines: string[] = [`## ${options.title}`, ''];
  lines.push(...options.summary.map(s => `- ${s}`), '');
  if (options.warnings.length > 0) {
    lines.push('### Before merging', '');
    lines.push(
      ...options.warnings.map(w => `- **${w.field}**: ${w.message}`),
      '',
    );
  }
  if (options.stages.length > 0) {
    lines.push(
      '### FoundationDB region change, stage by stage',
      '',
      'The manifests state the final shape and the operator walks these stages itself; do not merge another region change until the last one is done.',
      '',
    );
    options.stages.forEach((stage, i) => {
      lines.push(`${i + 1}. **${stage.title}.** ${stage.detail}`);
      lines.push(...stage.watch.map(w => `   - Watch: ${w}`));
    });
    lines.push('');
  }
  return lines;
}

/**
 * The plan's Markdown, with as many files and diffs as fit in `room` characters; returns
 * how many file lines and diffs were left out.
 */
function planMarkdown(
  header: string[],
  changes: PlannedChange[],
  room: number,
): { lines: string[]; unlisted: number; hiddenDiffs: number; diffs: number } {
  const lines = [...header, '### Files', ''];
  // The hash manifest's diff says nothing a reviewer needs.
  const diffs = changes.filter(c => c.path !== GENERATED_MANIFEST_FILE);
  if (changes.length === 0) {
    lines.push(
      'Nothing to change: the directory already matches fleet.yaml.',
      '',
    );
    return { lines, unlisted: 0, hiddenDiffs: 0, diffs: 0 };
  }
  let left = room - lines.join('\n').length;
  const take = (text: string) => {
    if (text.length + 1 > left) return false;
    left -= text.length + 1;
    return true;
  };
  const listed = changes
    .map(c => `- ${VERBS[c.kind]}: \`${c.path}\``)
    .filter(take);
  lines.push(...listed, '', '### Diff', '');
  let shown = 0;
  for (const change of diffs) {
    const section = [
      '<details>',
      `<summary>${change.path} (${VERBS[change.kind]})</summary>`,
      '',
      fence(change.diff),
      '',
      '</details>',
      '',
    ];
    if (!take(section.join('\n'))) continue;
    lines.push(...section);
    shown += 1;
  }
  return {
    lines,
    unlisted: changes.length - listed.length,
    hiddenDiffs: diffs.length - shown,
    diffs: diffs.length,
  };
}

interface PlanInput {
  title: string;
  summary: string[];
  changes: FileChange[];
  stages: FdbStage[];
  warnings: FleetProblem[];
}

/**
 * Builds the plan and its Markdown. When every file and diff does not fit in a pull
 * request's description, the description says what it left out and the whole plan goes to
 * `fullPlan`, for the change to write beside the files.
 */
export function buildPlan(options: PlanInput): FleetPlan {
  const changes = options.changes.map(change => ({
    path: change.path,
    kind: change.kind,
    diff: unifiedDiff(change),
  }));
  const header = headerLines(options);
  // Some room is kept for the notes on what was left out.
  const bounded = planMarkdown(header, changes, MAX_PLAN_MARKDOWN - 600);
  const plan = {
    title: options.title,
    summary: options.summary,
    changes,
    stages: options.stages,
    warnings: options.warnings,
  };
  if (bounded.unlisted === 0 && bounded.hiddenDiffs === 0) {
    return { ...plan, markdown: bounded.lines.join('\n') };
  }
  const path = fullPlanPath(options.title);
  const notes = [
    `This description leaves out ${bounded.unlisted} of ${changes.length} files and ${bounded.hiddenDiffs} of ${bounded.diffs} diffs, to stay within what GitHub takes. The whole plan, with every file and diff, is in \`${path}\` in this pull request.`,
    '',
  ];
  const full = planMarkdown(header, changes, Infinity);
  return {
    ...plan,
    markdown: [...bounded.lines, ...notes].join('\n'),
    fullPlan: { path, markdown: full.lines.join('\n') },
  };
}
