import type { KubernetesObject, ResourceRef } from './store';

/**
 * What the API server rewrites on every write before storing an object, so
 * readers see what they would see from a real cluster: a Secret's
 * write-only `stringData` is folded into base64 `data`, and its `type`
 * defaults to `Opaque`.
 */
export function applyServerDefaults(
  ref: ResourceRef,
  obj: KubernetesObject,
): void {
  if (ref.group === '' && ref.plural === 'secrets') {
    const stringData = obj.stringData as Record<string, string> | undefined;
    if (stringData) {
      const data = {
        ...((obj.data as Record<string, string> | undefined) ?? {}),
      };
      for (const [key, value] of Object.entries(stringData)) {
        data[key] = Buffer.from(String(value), 'utf8').toString('base64');
      }
      obj.data = data;
      delete obj.stringData;
    }
    if (!obj.type) obj.type = 'Opaque';
  }
}
