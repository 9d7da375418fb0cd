import { ConfigReader } from '@backstage/config';
import { KubernetesClusters, readKubernetesClusters } from './clusters';

describe('clusters from app-config', () => {
  const config = new ConfigReader({
    inferadb: {
      clusters: [
        {
          name: 'demo-us-west-1',
          url: 'https://k8s.example:6443',
          serviceAccountToken: 't1',
          caData: 'Y2E=',
        },
        {
          name: 'demo-eu-central-1',
          url: 'https://eu.example:6443',
          serviceAccountToken: 't2',
          skipTLSVerify: true,
        },
      ],
    },
  });

  it('builds a KubeConfig per named cluster with its URL, CA and token', async () => {
    const clusters = KubernetesClusters.fromConfig(config);
    expect(clusters.names()).toEqual(['demo-us-west-1', 'demo-eu-central-1']);
    const kc = await clusters.kubeConfig('demo-us-west-1');
    expect(kc.getCurrentCluster()).toMatchObject({
      server: 'https://k8s.example:6443',
      caData: 'Y2E=',
      skipTLSVerify: false,
    });
    expect(kc.getCurrentUser()?.token).toBe('t1');
    expect(
      (await clusters.kubeConfig('demo-eu-central-1')).getCurrentCluster()
        ?.skipTLSVerify,
    ).toBe(true);
    expect(await clusters.kubeConfig('demo-us-west-1')).toBe(kc);
  });

  it('names the known clusters when asked for an unknown one', () => {
    const clusters = KubernetesClusters.fromConfig(config);
    expect(() => clusters.get('https://evil.example')).toThrow(
      /"https:\/\/evil\.example" is not in inferadb\.clusters .*known clusters: demo-us-west-1, demo-eu-central-1/,
    );
  });

  it('rejects duplicate names and entries without a way to connect', () => {
    expect(() =>
      readKubernetesClusters(
        new ConfigReader({
          inferadb: {
            clusters: [
              { name: 'a', url: 'https://a' },
              { name: 'a', url: 'https://b' },
            ],
          },
        }),
      ),
    ).toThrow(/inferadb\.clusters\[1\]\.name "a" is used twice/);
    expect(() =>
      readKubernetesClusters(
        new ConfigReader({ inferadb: { clusters: [{ name: 'a' }] } }),
      ),
    ).toThrow(/inferadb\.clusters\[0\] \("a"\) needs url/);
    expect(readKubernetesClusters(new ConfigReader({}))).toEqual([]);
  });
});
