import type { KubernetesEmulator } from '@internal/inferadb-emulators';

/** The auth key value stored in the emulated cluster's Secret, decoded. */
export function keyInSecret(
  holder: { kube: KubernetesEmulator },
  namespace: string,
  name = 'tailscale-auth',
  key = 'authkey',
): string | undefined {
  const secret = holder.kube.get('v1', 'Secret', namespace, name) as any;
  const data = secret?.data?.[key];
  return data ? Buffer.from(data, 'base64').toString('utf8') : undefined;
}
