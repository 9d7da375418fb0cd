import { Command, CommanderError, Option } from 'commander';
import { isError } from '@backstage/errors';
import {
  FLEET_REGION_ROLES,
  FleetRegionInput,
} from '@inferadb-regions/plugin-inferadb-common';
import {
  FleetChangeResult,
  addRegion,
  initFleet,
  removeRegion,
  renderFleetDirectory,
  validateFleetDirectory,
} from '../fleet/operations';
import { FleetProblem, formatProblems } from '../fleet/problems';
import { EXIT } from './exitCodes';
import { CliIo, processIo, resolveDir } from './io';
import {
  dirOption,
  dryRunOption,
  jsonOption,
  positiveInteger,
  positiveNumber,
  workloadOption,
} from './options';

export type { CliIo } from './io';

function printResult(
  io: CliIo,
  result: FleetChangeResult,
  opts: { dryRun?: boolean; json?: boolean },
) {
  printWarnings(io, result.warnings);
  if (opts.json) {
    const { markdown, ...plan } = result.plan;
    io.stdout.write(
      `${JSON.stringify(
        {
          written: result.written,
          changedPaths: result.changedPaths,
          regionEntityPath: result.regionEntityPath,
          plan: { ...plan, markdown },
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  if (opts.dryRun) {
    // A terminal has no description limit: the whole plan.
    const { fullPlan, markdown } = result.plan;
    io.stdout.write(`${fullPlan?.markdown ?? markdown}\n`);
    io.stdout.write('Dry run: nothing was written.\n');
    return;
  }
  if (result.changedPaths.length === 0) {
    io.stdout.write(
      'Nothing to change: the directory already matches fleet.yaml.\n',
    );
    return;
  }
  io.stdout.write(`${result.plan.title}\n`);
  io.stdout.write(result.changedPaths.map(p => `  ${p}\n`).join(''));
}

function printWarnings(io: CliIo, warnings: FleetProblem[]) {
  if (warnings.length > 0) {
    io.stderr.write(`Warning:\n${formatProblems(warnings)}\n`);
  }
}

function regionFromOptions(o: Record<string, any>): FleetRegionInput {
  const targets = {
    p95LatencyMs: o.p95LatencyMs,
    replicationLagSeconds: o.replicationLagSeconds,
    failoverSeconds: o.failoverSeconds,
    uptimePercent: o.uptimePercent,
  };
  const hasTargets = Object.values(targets).some(v => v !== undefined);
  return {
    id: o.id,
    role: o.role,
    provider: o.provider,
    cluster: o.cluster,
    namespace: o.namespace,
    workload: o.workload,
    dataCenter: o.dataCenter,
    serviceCidr: o.serviceCidr,
    ledgerReplicas: o.ledgerReplicas,
    regionalStorage: o.withoutRegionalStorage ? false : undefined,
    maintenanceWindow: o.maintenanceWindow,
    targets: hasTargets ? JSON.parse(JSON.stringify(targets)) : undefined,
  };
}

function regionOptions(command: Command): Command {
  return command
    .option('--namespace <namespace>', 'Kubernetes namespace', undefined)
    .addOption(workloadOption())
    .option('--provider <label>', 'provider label, e.g. aws')
    .option(
      '--data-center <id>',
      'FDB data center id (defaults to the region id)',
    )
    .option(
      '--service-cidr <cidr>',
      "FDB data centers: the cluster's Kubernetes Service CIDR, e.g. 10.96.0.0/16",
    )
    .option(
      '--maintenance-window <window>',
      "weekly window, e.g. 'Sun 02:00-04:00 UTC'",
    )
    .option('--p95-latency-ms <ms>', 'target p95 latency', positiveNumber)
    .option(
      '--replication-lag-seconds <s>',
      'target replication lag',
      positiveNumber,
    )
    .option('--failover-seconds <s>', 'target failover time', positiveNumber)
    .option('--uptime-percent <pct>', 'target uptime', positiveNumber)
    .option(
      '--ledger-replicas <n>',
      'Ledger Raft replicas (ledger fleets)',
      positiveInteger,
    );
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('inferadb-regions')
    .description(
      'Generate and check the deployment configuration of an InferaDB fleet',
    )
    .exitOverride()
    .configureOutput({
      writeOut: s => io.stdout.write(s),
      writeErr: s => io.stderr.write(s),
    });

  regionOptions(
    program
      .command('init')
      .description(
        'create fleet.yaml with its primary region and render every file',
      )
      .addOption(dirOption())
      .requiredOption('--fleet <name>', 'fleet name')
      .addOption(
        new Option('--storage <storage>', 'storage flavour')
          .choices(['foundationdb', 'ledger'])
          .makeOptionMandatory(),
      )
      .requiredOption('--primary <id>', 'id of the primary region')
      .requiredOption(
        '--cluster <name>',
        'Kubernetes cluster of the primary region',
      )
      .option('--owner <entityRef>', 'catalog owner of the fleet'),
  )
    .addOption(dryRunOption())
    .addOption(jsonOption())
    .action(async o => {
      const result = await initFleet(
        resolveDir(io, o.dir),
        {
          name: o.fleet,
          storage: o.storage,
          owner: o.owner,
          primary: regionFromOptions({ ...o, id: o.primary, role: undefined }),
        },
        { dryRun: o.dryRun },
      );
      printResult(io, result, o);
    });

  regionOptions(
    program
      .command('add-region')
      .description('add a region and update every file it touches')
      .addOption(dirOption())
      .requiredOption('--id <id>', 'region id, e.g. eu-central-1')
      .addOption(
        new Option('--role <role>', 'role of the new region')
          .choices(FLEET_REGION_ROLES.filter(r => r !== 'primary'))
          .makeOptionMandatory(),
      )
      .requiredOption(
        '--cluster <name>',
        'Kubernetes cluster name (inferadb.clusters)',
      )
      .option(
        '--without-regional-storage',
        'ledger replica: use the primary’s Ledger across the mesh',
      )
      .option(
        '--seed-connection-string <text>',
        'FDB: connection string of the running cluster',
      ),
  )
    .addOption(dryRunOption())
    .addOption(jsonOption())
    .action(async o => {
      const result = await addRegion(
        resolveDir(io, o.dir),
        {
          region: regionFromOptions(o),
          seedConnectionString: o.seedConnectionString,
        },
        { dryRun: o.dryRun },
      );
      printResult(io, result, o);
    });

  program
    .command('remove-region')
    .description('remove a region and reverse what adding it changed')
    .addOption(dirOption())
    .requiredOption('--id <id>', 'region id')
    .addOption(dryRunOption())
    .addOption(jsonOption())
    .action(async o => {
      printResult(
        io,
        await removeRegion(resolveDir(io, o.dir), o.id, { dryRun: o.dryRun }),
        o,
      );
    });

  program
    .command('render')
    .description('regenerate every file from fleet.yaml')
    .addOption(dirOption())
    .addOption(dryRunOption())
    .addOption(jsonOption())
    .action(async o => {
      printResult(
        io,
        await renderFleetDirectory(resolveDir(io, o.dir), { dryRun: o.dryRun }),
        o,
      );
    });

  program
    .command('plan')
    .description('show what render would change, writing nothing')
    .addOption(dirOption())
    .addOption(jsonOption())
    .action(async o => {
      printResult(
        io,
        await renderFleetDirectory(resolveDir(io, o.dir), { dryRun: true }),
        { ...o, dryRun: true },
      );
    });

  program
    .command('validate')
    .description(
      "check fleet.yaml and the generated files (for the deployment repository's CI)",
    )
    .addOption(dirOption())
    .action(async o => {
      const result = await validateFleetDirectory(resolveDir(io, o.dir));
      printWarnings(io, result.warnings);
      if (result.problems.length > 0) {
        io.stderr.write(
          `The fleet is invalid:\n${formatProblems(result.problems)}\n`,
        );
        setExit(EXIT.invalid);
        return;
      }
      io.stdout.write(
        `Fleet ${result.fleet!.metadata.name} is valid: ${
          result.fleet!.spec.regions.length
        } region(s), generated files up to date.\n`,
      );
    });
  return program;
}

/**
 * Runs inferadb-regions with the given arguments (without `node` and the script).
 * Resolves to the exit status: 0 ok, 1 invalid input or fleet, 2 usage error.
 *
 * @public
 */
export async function runInferadbRegionsCli(
  args: string[],
  io: CliIo = processIo(),
): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, c => {
    code = c;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    io.stderr.write(`${isError(error) ? error.message : String(error)}\n`);
    return EXIT.invalid;
  }
}
