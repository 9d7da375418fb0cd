import type { KubernetesEmulator } from './server';

/** The real client, loaded the way the plugins load it (it is ESM-only). */
export type KubernetesClient = typeof import('@kubernetes/client-node');

export async function loadClient(): Promise<KubernetesClient> {
  return await import('@kubernetes/client-node');
}

/** A KubeConfig for the emulator, optionally with another token. */
export function kubeConfigFor(
  k8s: KubernetesClient,
  emulator: KubernetesEmulator,
  token?: string,
) {
  const kc = new k8s.KubeConfig();
  const options = emulator.kubeConfigOptions('test');
  if (token !== undefined) options.users = [{ name: 'test', token }];
  kc.loadFromOptions(options);
  return kc;
}

/** The HTTP code and parsed Status body of a client call that must fail. */
export async function rejection(
  call: Promise<unknown>,
): Promise<{ code: number; body: any }> {
  try {
    await call;
  } catch (error) {
    const { code, body } = error as { code: number; body?: unknown };
    return { code, body: typeof body === 'string' ? JSON.parse(body) : body };
  }
  throw new Error('expected the request to fail, but it succeeded');
}
