import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { parse, parseAllDocuments } from 'yaml';

/** The charts a fleet's values are written for (see inferadb/README.md). */
export const CHARTS = {
  'engine-fdb-era': 'engine-helm-fdb-era-2026-01-18',
  'control-fdb-era': 'control-helm-fdb-era-2026-01-19',
  engine: 'engine-helm-2026-02-05',
  control: 'control-helm-2026-04-07',
} as const;

/** A chart by its short name. */
export type ChartId = keyof typeof CHARTS;

interface Chart {
  defaults: unknown;
  /** Every `.Values.a.b.c` path its templates read. */
  templatePaths: Set<string>;
}

// eslint-disable-next-line no-restricted-syntax -- test data lives beside the tests
const DATA = __dirname;

function loadChart(id: ChartId): Chart {
  const dir = join(DATA, 'inferadb', 'charts', CHARTS[id]);
  const templatePaths = new Set<string>();
  for (const file of readdirSync(join(dir, 'templates'))) {
    const text = readFileSync(join(dir, 'templates', file), 'utf8');
    for (const match of text.matchAll(/\.Values\.([A-Za-z0-9_.]+)/g)) {
      templatePaths.add(match[1]);
    }
  }
  return {
    defaults: parse(readFileSync(join(dir, 'values.yaml'), 'utf8')),
    templatePaths,
  };
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A chart map whose keys the user chooses: empty by default, or keyed like annotations
 * and labels (`prometheus.io/scrape`) rather than like settings.
 */
function isSpelledOut(value: unknown): value is Record<string, unknown> {
  const keys = isMap(value) ? Object.keys(value) : [];
  return keys.length > 0 && keys.every(key => /^[A-Za-z_][A-Za-z0-9_]*$/.test(key));
}

/**
 * The value keys written in `values` that the chart has neither in values.yaml nor in a
 * template. Below a chart key whose default is a list, a scalar or an empty map (free-form
 * content such as extraVolumes or podAnnotations), anything goes; below a map the chart
 * spells out (setting names), every key must be one of its own.
 */
export function unknownValueKeys(values: unknown, id: ChartId): string[] {
  const chart = loadChart(id);
  const unknown: string[] = [];
  function walk(written: unknown, defaults: unknown, path: string[]) {
    if (!isMap(written)) {
      if (isSpelledOut(defaults)) {
        unknown.push(`${path.join('.')} (the chart has a map here)`);
      }
      return;
    }
    for (const [key, value] of Object.entries(written)) {
      const keyPath = [...path, key];
      const dotted = keyPath.join('.');
      const known = isMap(defaults) && key in defaults;
      const read = [...chart.templatePaths].some(
        p => p === dotted || p.startsWith(`${dotted}.`),
      );
      if (!known && !read) {
        unknown.push(dotted);
        continue;
      }
      const childDefaults = isMap(defaults) ? defaults[key] : undefined;
      if (isSpelledOut(childDefaults)) {
        walk(value, childDefaults, keyPath);
      } else if (!known && isMap(value)) {
        walk(value, undefined, keyPath);
      }
    }
  }
  walk(values, chart.defaults, []);
  return unknown;
}

/** The environment variables and flags Ledger's configuration reference names. */
function ledgerReference() {
  const text = readFileSync(
    join(DATA, 'inferadb', 'ledger-configuration.md'),
    'utf8',
  );
  return {
    env: new Set(text.match(/INFERADB__LEDGER__[A-Z0-9_]+/g) ?? []),
    flags: new Set(text.match(/--[a-z][a-z-]*/g) ?? []),
    subcommands: new Set(
      [...text.matchAll(/inferadb-ledger ([a-z]+) /g)].map(m => m[1]),
    ),
  };
}

/**
 * Settings given to a Ledger container that its configuration reference does not name:
 * `INFERADB__*` variables, flags and the subcommand. Other variables are allowed only as
 * Kubernetes downward-API helpers (`valueFrom.fieldRef`), which Ledger never reads.
 */
export function unknownLedgerSettings(container: any): string[] {
  const reference = ledgerReference();
  const unknown: string[] = [];
  for (const env of container.env ?? []) {
    if (env.name.startsWith('INFERADB__')) {
      if (!reference.env.has(env.name)) {
        unknown.push(env.name);
      }
    } else if (!env.valueFrom?.fieldRef) {
      unknown.push(env.name);
    }
  }
  const [subcommand, ...args] = container.args ?? [];
  if (subcommand !== undefined && !reference.subcommands.has(subcommand)) {
    unknown.push(subcommand);
  }
  for (const arg of args) {
    if (arg.startsWith('--') && !reference.flags.has(arg)) {
      unknown.push(arg);
    }
  }
  return unknown;
}

/** Environment variables Tailscale's Kubernetes samples (and containerboot) use. */
function tailscaleSampleEnv(): Set<string> {
  const names = new Set<string>();
  const dir = join(DATA, 'tailscale-k8s');
  for (const file of readdirSync(dir).filter(f => f.endsWith('.yaml'))) {
    const text = readFileSync(join(dir, file), 'utf8').replace(
      /"?\{\{[A-Z_]+\}\}"?/g,
      '"x"',
    );
    for (const doc of parseAllDocuments(text)) {
      const spec = doc.toJS()?.spec;
      for (const container of spec?.containers ?? []) {
        for (const env of container.env ?? []) {
          names.add(env.name);
        }
      }
    }
  }
  return names;
}

/**
 * Variables a Tailscale container sets that neither the samples nor InferaDB's Control
 * chart sidecar (which adds TS_HOSTNAME and TS_EXTRA_ARGS) use.
 */
export function unknownTailscaleEnv(container: any): string[] {
  const known = tailscaleSampleEnv();
  known.add('TS_HOSTNAME');
  known.add('TS_EXTRA_ARGS');
  return (container.env ?? [])
    .map((env: any) => env.name)
    .filter((name: string) => !known.has(name));
}
