import { applyJsonPatch, applyMergePatch, PatchError } from './patch';

describe('applyMergePatch', () => {
  it('merges objects, replaces arrays and deletes nulls', () => {
    expect(
      applyMergePatch(
        { metadata: { labels: { a: '1', b: '2' } }, spec: { list: [1, 2] } },
        { metadata: { labels: { a: null, c: '3' } }, spec: { list: [3] } },
      ),
    ).toEqual({
      metadata: { labels: { b: '2', c: '3' } },
      spec: { list: [3] },
    });
  });
});

describe('applyJsonPatch', () => {
  const doc = { spec: { processCounts: { log: 3 }, regions: [{ id: 'a' }] } };

  it('applies add, replace, remove, move, copy and test', () => {
    expect(
      applyJsonPatch(doc, [
        { op: 'test', path: '/spec/processCounts/log', value: 3 },
        { op: 'add', path: '/spec/regions/-', value: { id: 'b' } },
        { op: 'replace', path: '/spec/processCounts/log', value: 4 },
        {
          op: 'copy',
          from: '/spec/processCounts/log',
          path: '/spec/processCounts/stateless',
        },
        { op: 'move', from: '/spec/regions/0', path: '/spec/first' },
        { op: 'remove', path: '/spec/processCounts/log' },
      ]),
    ).toEqual({
      spec: {
        processCounts: { stateless: 4 },
        regions: [{ id: 'b' }],
        first: { id: 'a' },
      },
    });
    // The input is left as it was.
    expect(doc.spec.processCounts.log).toBe(3);
  });

  it('rejects operations on paths that do not exist and failed tests', () => {
    expect(() =>
      applyJsonPatch(doc, [{ op: 'remove', path: '/spec/missing' }]),
    ).toThrow(PatchError);
    expect(() =>
      applyJsonPatch(doc, [{ op: 'replace', path: '/nope/x', value: 1 }]),
    ).toThrow(PatchError);
    expect(() =>
      applyJsonPatch(doc, [
        { op: 'test', path: '/spec/processCounts/log', value: 5 },
      ]),
    ).toThrow('testing value /spec/processCounts/log failed');
    expect(() => applyJsonPatch(doc, { op: 'add' })).toThrow(
      'must be an array',
    );
  });
});
