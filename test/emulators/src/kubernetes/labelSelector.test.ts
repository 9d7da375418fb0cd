import { parseLabelSelector } from './labelSelector';

describe('parseLabelSelector', () => {
  const engine = { app: 'inferadb', component: 'engine', region: 'us-west-1' };
  const control = { app: 'inferadb', component: 'control' };
  const matches = (selector: string) =>
    [engine, control, undefined].map(labels =>
      parseLabelSelector(selector)(labels),
    );

  it.each([
    ['', [true, true, true]],
    ['app=inferadb', [true, true, false]],
    ['app==inferadb,component=engine', [true, false, false]],
    ['component!=engine', [false, true, true]],
    ['component in (engine, gateway)', [true, false, false]],
    ['component notin (engine)', [false, true, true]],
    ['region', [true, false, false]],
    ['!region', [false, true, true]],
    ['app = inferadb , region', [true, false, false]],
  ])('%s', (selector, expected) => {
    expect(matches(selector)).toEqual(expected);
  });

  it('names the requirement it cannot parse', () => {
    expect(() =>
      parseLabelSelector('app=inferadb,component in (engine'),
    ).toThrow('unable to parse requirement: "component in (engine"');
  });
});
