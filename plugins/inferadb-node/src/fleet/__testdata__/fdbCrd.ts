import Ajv from 'ajv';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

/**
 * Kubernetes prunes fields a structural schema does not declare, silently: a typo such as
 * `clusterController` would vanish on apply. Closing every object that lists its
 * properties (unless it keeps unknown fields) makes the validator report such fields.
 */
function closeObjects(schema: any): any {
  if (Array.isArray(schema)) {
    return schema.map(closeObjects);
  }
  if (!schema || typeof schema !== 'object') {
    return schema;
  }
  const copy: any = {};
  for (const [key, value] of Object.entries(schema)) {
    copy[key] = closeObjects(value);
  }
  if (
    copy.properties &&
    copy.additionalProperties === undefined &&
    !copy['x-kubernetes-preserve-unknown-fields']
  ) {
    copy.additionalProperties = false;
  }
  return copy;
}

/** A validator of FoundationDBCluster documents against the operator's v1beta2 CRD. */
export function foundationDbClusterValidator() {
  const crd = parse(
    readFileSync(
      join(
        // eslint-disable-next-line no-restricted-syntax -- test data lives beside the tests
        __dirname,
        'foundationdb',
        'apps.foundationdb.org_foundationdbclusters.yaml',
      ),
      'utf8',
    ),
  );
  const version = crd.spec.versions.find((v: any) => v.name === 'v1beta2');
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
  });
  const validate = ajv.compile(closeObjects(version.schema.openAPIV3Schema));
  return (document: unknown) => {
    const ok = validate(document);
    return ok
      ? []
      : (validate.errors ?? []).map(
          e => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`,
        );
  };
}
