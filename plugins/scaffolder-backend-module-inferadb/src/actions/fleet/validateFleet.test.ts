import { appendFile, mkdtemp } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { initFleet } from '@inferadb-regions/plugin-inferadb-node';
import { createValidateFleetAction } from './validateFleet';

async function workspace() {
  const root = await mkdtemp(join(tmpdir(), 'inferadb-workspace-'));
  await initFleet(join(root, 'inferadb'), {
    name: 'inferadb-demo',
    storage: 'ledger',
    primary: { id: 'us-west-1', cluster: 'demo-us-west-1' },
  });
  return root;
}

describe('inferadb:fleet:validate', () => {
  const action = createValidateFleetAction();
  const input = parse(action.examples![0].example).steps[0].input;

  it('runs its example on a valid fleet', async () => {
    const ctx = createMockActionContext({
      input,
      workspacePath: await workspace(),
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('valid', true);
    expect(ctx.output).toHaveBeenCalledWith('problems', []);
  });

  it('fails on a hand-edited generated file, or reports it when told not to fail', async () => {
    const workspacePath = await workspace();
    await appendFile(
      join(workspacePath, 'inferadb/regions/us-west-1/engine-values.yaml'),
      '# hand edit\n',
    );
    await expect(
      action.handler(createMockActionContext({ input, workspacePath }) as any),
    ).rejects.toThrow(
      /regions\/us-west-1\/engine-values.yaml: was edited by hand/,
    );
    const ctx = createMockActionContext({
      input: { ...input, failOnProblems: false },
      workspacePath,
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('valid', false);
    expect(ctx.output).toHaveBeenCalledWith('problems', [
      {
        field: 'regions/us-west-1/engine-values.yaml',
        message: expect.stringMatching(/edited by hand/),
      },
    ]);
  });
});
