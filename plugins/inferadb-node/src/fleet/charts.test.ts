import { Fleet } from '@inferadb-regions/plugin-inferadb-common';
import { parseAllDocuments } from 'yaml';
import { renderFleet } from './render';
import {
  ChartId,
  unknownLedgerSettings,
  unknownTailscaleEnv,
  unknownValueKeys,
} from './__testdata__/charts';
import { foundationDbClusterValidator } from './__testdata__/fdbCrd';
import { FDB_REGIONS, parsedFleet } from './__testdata__/fleets';

const SEED = 'demo:Xq3cQ8fA@10.96.0.11:4501,10.96.0.12:4501,10.97.0.11:4501';

const fleet = (storage: object, regions: object[]) =>
  parsedFleet(storage, regions, { dnsSuffix: 'tail1234.ts.net' });

const fdbFleet = () =>
  fleet({ type: 'foundationdb', seedConnectionString: SEED }, FDB_REGIONS);

const ledgerFleet = () =>
  fleet({ type: 'ledger' }, [
    { id: 'us-west-1', role: 'primary', cluster: 'k1' },
    { id: 'eu-central-1', role: 'dr', cluster: 'k2' },
    {
      id: 'ap-southeast-1',
      role: 'replica',
      cluster: 'k3',
      regionalStorage: false,
    },
  ]);

/** Every generated document, by file. */
function documents(f: Fleet) {
  const out: Array<{ path: string; doc: any }> = [];
  for (const [path, text] of renderFleet(f)) {
    if (path.endsWith('.yaml')) {
      for (const doc of parseAllDocuments(text)) {
        out.push({ path, doc: doc.toJS() });
      }
    }
  }
  return out;
}

/** Every container of a generated object: pods, pod templates and FDB process templates. */
function containers(doc: any): any[] {
  const specs = [
    doc?.spec?.template?.spec,
    ...Object.values(doc?.spec?.processes ?? {}).map(
      (p: any) => p.podTemplate?.spec,
    ),
    doc, // Helm values: initContainers at the top level
  ];
  return specs.flatMap(spec => [
    ...(spec?.containers ?? []),
    ...(spec?.initContainers ?? []),
  ]);
}

function expectValuesFit(f: Fleet, engine: ChartId, control: ChartId) {
  const docs = documents(f);
  const values = docs.filter(d => d.path.endsWith('-values.yaml'));
  expect(values.length).toBe(f.spec.regions.length * 2);
  for (const { path, doc } of values) {
    const chart = path.endsWith('engine-values.yaml') ? engine : control;
    expect({ path, unknown: unknownValueKeys(doc, chart) }).toEqual({
      path,
      unknown: [],
    });
  }
  return docs;
}

describe('generated values fit the real InferaDB charts', () => {
  it('FoundationDB fleets: the FoundationDB-era Engine and Control charts', () => {
    const docs = expectValuesFit(
      fdbFleet(),
      'engine-fdb-era',
      'control-fdb-era',
    );
    const engine = docs.find(
      d => d.path === 'regions/us-west-1/engine-values.yaml',
    )!.doc;
    expect(engine.config).toEqual({
      storage: 'foundationdb',
      foundationdb: { clusterFile: '/etc/foundationdb-operator/fdb.cluster' },
    });
    expect(engine.extraVolumes[0].configMap).toEqual({
      name: 'demo-us-west-1-config',
      items: [{ key: 'cluster-file', path: 'fdb.cluster' }],
    });
    const replica = docs.find(
      d => d.path === 'regions/ap-southeast-1/foundationdb-cluster-file.yaml',
    )!.doc;
    expect(replica.data).toEqual({ 'fdb.cluster': `${SEED}\n` });
  });

  it('Ledger fleets: the newest Engine and Control charts', () => {
    const docs = expectValuesFit(ledgerFleet(), 'engine', 'control');
    const control = docs.find(
      d => d.path === 'regions/eu-central-1/control-values.yaml',
    )!.doc;
    expect(control.config).toEqual({
      storage: 'ledger',
      ledgerEndpoint: 'http://inferadb-ledger.inferadb.svc.cluster.local:50051',
    });
    const remote = docs.find(
      d => d.path === 'regions/ap-southeast-1/engine-values.yaml',
    )!.doc;
    expect(remote.config.ledger.endpoint).toBe(
      'http://inferadb-ledger-0-us-west-1.tail1234.ts.net:50051',
    );
  });

  it('reports a misspelt or invented key', () => {
    expect(
      unknownValueKeys({ config: { storag: 'ledger' } }, 'engine'),
    ).toEqual(['config.storag']);
    expect(
      unknownValueKeys(
        { healthCheck: { liveness: { path: '/livez', port: 8080 } } },
        'engine-fdb-era',
      ),
    ).toEqual(['healthCheck.liveness.path', 'healthCheck.liveness.port']);
    expect(
      unknownValueKeys({ service: { port: 9090 } }, 'control-fdb-era'),
    ).toEqual(['service.port']);
    expect(unknownValueKeys({ config: { store: {} } }, 'control')).toEqual([
      'config.store',
    ]);
    // Free-form content below a list or an empty map is the chart's to pass through.
    expect(
      unknownValueKeys(
        { extraVolumes: [{ anything: 1 }], podAnnotations: { a: 'b' } },
        'engine',
      ),
    ).toEqual([]);
  });
});

describe('generated Ledger manifests use only settings its reference names', () => {
  it('the StatefulSet and the init Job', () => {
    const docs = documents(ledgerFleet());
    const ledgerContainers = docs
      .filter(d => d.doc.kind === 'StatefulSet' || d.doc.kind === 'Job')
      .flatMap(d => containers(d.doc))
      .filter(c => c.name !== 'tailscale');
    expect(ledgerContainers.length).toBe(4); // two clusters: StatefulSet and Job each
    for (const container of ledgerContainers) {
      expect(unknownLedgerSettings(container)).toEqual([]);
    }
    const ledger = ledgerContainers.find(c => c.name === 'ledger');
    expect(ledger.env.map((e: any) => e.name)).toEqual(
      expect.arrayContaining([
        'INFERADB__LEDGER__LISTEN',
        'INFERADB__LEDGER__DATA',
        'INFERADB__LEDGER__JOIN',
        'INFERADB__LEDGER__ADVERTISE',
      ]),
    );
  });

  it('reports a name the reference does not have', () => {
    expect(
      unknownLedgerSettings({
        env: [
          { name: 'INFERADB__LEDGER__LISTEN_ADDR', value: '0.0.0.0:50051' },
          { name: 'RUST_LOG', value: 'info' },
        ],
        args: ['init', '--hosts', 'x'],
      }),
    ).toEqual(['INFERADB__LEDGER__LISTEN_ADDR', 'RUST_LOG', '--hosts']);
  });
});

describe('every generated workload', () => {
  const all = () => [...documents(fdbFleet()), ...documents(ledgerFleet())];

  it('pins its images: no latest, no untagged image', () => {
    const images = all().flatMap(d => containers(d.doc).map(c => c.image));
    expect(images.length).toBeGreaterThan(10);
    for (const image of images) {
      expect(image).toMatch(/:[^/:]+$/);
      expect(image).not.toMatch(/:latest$/);
    }
  });

  it("runs Tailscale as the samples do: kernel mode, root, the samples' variables", () => {
    const sidecars = all()
      .flatMap(d => containers(d.doc))
      .filter(c => c.name === 'tailscale');
    expect(sidecars.length).toBeGreaterThan(10);
    for (const sidecar of sidecars) {
      expect(unknownTailscaleEnv(sidecar)).toEqual([]);
      expect(sidecar.securityContext).toMatchObject({
        privileged: true,
        runAsUser: 0,
        runAsNonRoot: false,
      });
    }
  });

  it('FoundationDBClusters fit the CRD and advertise Service IPs', () => {
    const validate = foundationDbClusterValidator();
    const clusters = documents(fdbFleet()).filter(
      d => d.doc.kind === 'FoundationDBCluster',
    );
    expect(clusters).toHaveLength(3);
    for (const { doc } of clusters) {
      expect(validate(doc)).toEqual([]);
      expect(doc.spec.routing).toEqual({ publicIPSource: 'service' });
    }
  });
});
