import { RegionObservations } from '../collectors/types';
import { DEFAULT_THRESHOLDS } from '../config/defaults';
import { FleetConfig } from '../config/types';
import { EvaluationContext } from '../evaluation/context';
import fdbDr from '../evaluation/__fixtures__/fdb-dr.json';
import ledgerDr from '../evaluation/__fixtures__/ledger-dr.json';
import { regionConfig } from './regionFixture';

const FIXTURES = { foundationdb: fdbDr, ledger: ledgerDr };

/**
 * A DR region (`eu`) of a healthy fleet with a primary (`us`), a satellite (FDB only) and a
 * replica, with the observations of `__fixtures__/<kind>-dr.json`; `change` edits a copy.
 */
export function evaluationContext(
  storage: FleetConfig['storage'],
  change: (ctx: EvaluationContext) => void = () => {},
): EvaluationContext {
  const fleet: FleetConfig = {
    name: 'f',
    storage,
    regions: [
      regionConfig('us', 'primary'),
      regionConfig('eu', 'dr'),
      ...(storage === 'foundationdb' ? [regionConfig('sat', 'satellite')] : []),
      regionConfig('ap', 'replica'),
    ],
  };
  for (const r of fleet.regions)
    r.prometheus = {
      url: 'http://127.0.0.1:9090',
      selector: `region="${r.id}"`,
    };
  const ctx: EvaluationContext = {
    fleet,
    region: fleet.regions[1],
    obs: structuredClone(FIXTURES[storage]) as RegionObservations,
    thresholds: { ...DEFAULT_THRESHOLDS },
  };
  change(ctx);
  return ctx;
}

/** The checks' statuses by id, for comparing whole families at once. */
export const statusesOf = (checks: Array<{ id: string; status: string }>) =>
  Object.fromEntries(checks.map(c => [c.id, c.status]));
