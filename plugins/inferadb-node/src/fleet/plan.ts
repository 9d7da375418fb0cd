import { createTwoFilesPatch } from 'diff';
import { FileChange } from './changes';
import { GENERATED_MANIFEST_FILE } from './layout';
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
  markdown: string;
}

/**
 * The longest plan: it becomes a pull request's description, which GitHub cuts at 65,536
 * characters. Diffs that do not fit are left out (the pull request's own diff has them).
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

/** Builds the plan and its Markdown. */
export function buildPlan(options: {
  title: string;
  summary: string[];
  changes: FileChange[];
  stages: FdbStage[];
  warnings: FleetProblem[];
}): FleetPlan {
  const changes = options.changes.map(change => ({
    path: change.path,
    kind: change.kind,
    diff: unifiedDiff(change),
  }));
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
  lines.push('### Files', '');
  if (changes.length === 0) {
    lines.push(
      'Nothing to change: the directory already matches fleet.yaml.',
      '',
    );
  } else {
    // Room left for the file list and the diffs, with some kept for the notes on what was left out.
    let room = MAX_PLAN_MARKDOWN - 400 - lines.join('\n').length;
    const take = (text: string) => {
      if (text.length + 1 > room) return false;
      room -= text.length + 1;
      return true;
    };
    const listed = changes.filter(c =>
      take(`- ${VERBS[c.kind]}: \`${c.path}\``),
    );
    lines.push(...listed.map(c => `- ${VERBS[c.kind]}: \`${c.path}\``));
    if (listed.length < changes.length) {
      lines.push(
        `- … and ${
          changes.length - listed.length
        } more: see the pull request's files`,
      );
    }
    lines.push('', '### Diff', '');
    // The hash manifest's diff says nothing a reviewer needs.
    const diffs = changes.filter(c => c.path !== GENERATED_MANIFEST_FILE);
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
    if (shown < diffs.length) {
      lines.push(
        `${diffs.length - shown} of ${
          diffs.length
        } diffs are left out to keep this description within what GitHub takes: the pull request's own diff has every file.`,
        '',
      );
    }
  }
  return {
    title: options.title,
    summary: options.summary,
    changes,
    stages: options.stages,
    warnings: options.warnings,
    markdown: lines.join('\n'),
  };
}
