/**
 * Workload sizes a region can declare; each gives process or replica counts.
 *
 * @public
 */
export const WORKLOAD_SIZES = ['small', 'medium', 'large'] as const;

/**
 * A workload size of a region.
 *
 * @public
 */
export type WorkloadSize = (typeof WORKLOAD_SIZES)[number];

/**
 * FoundationDB process counts of one main data center (operator `processCounts`).
 *
 * @public
 */
export interface FdbProcessCounts {
  storage: number;
  log: number;
  stateless: number;
  cluster_controller: number;
}

/**
 * FoundationDB process counts per workload size, from the FDB multi-region guide's sizing
 * table. One cluster controller per data center is enough: FDB elects one for the whole
 * database.
 *
 * @public
 */
export const FDB_PROCESS_COUNTS: Record<WorkloadSize, FdbProcessCounts> = {
  small: { storage: 3, log: 3, stateless: 3, cluster_controller: 1 },
  medium: { storage: 5, log: 5, stateless: 5, cluster_controller: 1 },
  large: { storage: 9, log: 9, stateless: 9, cluster_controller: 1 },
};

/**
 * Ledger Raft replicas per region by workload size (odd, so a quorum survives a loss).
 *
 * @public
 */
export const LEDGER_REPLICAS: Record<WorkloadSize, number> = {
  small: 3,
  medium: 5,
  large: 7,
};

/**
 * Engine and Control replicas per region by workload size.
 *
 * @public
 */
export const SERVICE_REPLICAS: Record<
  WorkloadSize,
  { engine: number; control: number }
> = {
  small: { engine: 3, control: 2 },
  medium: { engine: 5, control: 3 },
  large: { engine: 9, control: 5 },
};
