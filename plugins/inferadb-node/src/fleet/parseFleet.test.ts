import { readFleetFile } from './parseFleet';

const VALID = `apiVersion: inferadb.io/v1alpha1
kind: Fleet
metadata:
  name: demo
spec:
  storage:
    type: ledger
  regions:
    - id: us-west-1
      role: primary
      cluster: k1
    - id: eu-central-1
      role: leader
      cluster: k2
`;

describe('readFleetFile', () => {
  it('returns the parsed fleet of a valid file', () => {
    const reading = readFleetFile(VALID.replace('role: leader', 'role: dr'));
    expect(reading.problems).toEqual([]);
    expect(reading.fleet?.spec.regions.map(r => r.role)).toEqual([
      'primary',
      'dr',
    ]);
  });

  it('gives a rule violation the line of the field it names', () => {
    expect(readFleetFile(VALID)).toEqual({
      problems: [
        {
          field: 'spec.regions[1].role',
          message: 'role must be one of primary, dr, satellite, replica',
          line: 13,
        },
      ],
    });
  });

  it('gives a YAML error its own line', () => {
    const reading = readFleetFile(VALID.replace('    - id: eu', '   - id: eu'));
    expect(reading.fleet).toBeUndefined();
    expect(reading.problems[0]).toMatchObject({
      field: 'fleet.yaml',
      message: expect.stringMatching(/^is not valid YAML: /),
      line: 12,
    });
  });
});
