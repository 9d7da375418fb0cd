import type { KeyPortal, TaskRun } from './keyPortal';
import { CLUSTER, readTree } from './keyPortal';

export { keyInSecret } from './secrets';

/** Every place a key must never reach, each as text to search. */
export async function placesToSearch(portal: KeyPortal, runs: TaskRun[]) {
  const auth = { authorization: 'Bearer mock-user-token' };
  const catalog = await portal.http.get('/api/catalog/entities').set(auth);
  const databases = await readTree(portal.databaseDir);
  return {
    'task log and events': JSON.stringify(runs.map(r => r.events)),
    'action and task outputs': JSON.stringify(
      runs.map(r => [r.output, r.task]),
    ),
    'error messages': runs
      .flatMap(r => r.events)
      .map(e => JSON.stringify(e.body?.error ?? e.body?.message ?? ''))
      .join('\n'),
    'backend log': portal.logs.join('\n'),
    'workspace files': JSON.stringify(portal.workspaceFiles),
    'database tables (raw SQLite files, incl. checkpoint state)': databases
      .map(f => f.content)
      .join('\n'),
    catalog: JSON.stringify(catalog.body),
  };
}

/** Asserts that neither the key nor its base64 form is in any of the places. */
export async function expectKeyNowhere(
  portal: KeyPortal,
  runs: TaskRun[],
  keyValue: string,
) {
  const forms = [keyValue, Buffer.from(keyValue).toString('base64')];
  const places = await placesToSearch(portal, runs);
  const found = Object.entries(places)
    .filter(([, text]) => forms.some(f => text.includes(f)))
    .map(([where]) => where);
  expect(found).toEqual([]);
  return places;
}

export { CLUSTER };
