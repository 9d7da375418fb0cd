import { FLEET_REGION_ROLES } from '@internal/plugin-inferadb-common';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parse } from 'yaml';

// The scaffolder cannot import a list into a form, so the template spells its role enums
// out; this holds them to the one list in the fleet schema.
describe('the new-region template', () => {
  const template = parse(
    readFileSync(
      resolve(__dirname, '../../../../../templates/new-region/template.yaml'),
      'utf8',
    ),
  );
  const variants = template.spec.parameters[0].dependencies.storage.oneOf;
  const roles = (storage: string) =>
    variants.find((v: any) => v.properties.storage.enum[0] === storage)
      .properties.role.enum;

  it('offers every role of the fleet schema but primary', () => {
    expect(roles('foundationdb')).toEqual(
      FLEET_REGION_ROLES.filter(r => r !== 'primary'),
    );
  });

  it('offers a Ledger fleet every role but primary and satellite (FDB only)', () => {
    expect(roles('ledger')).toEqual(
      FLEET_REGION_ROLES.filter(r => r !== 'primary' && r !== 'satellite'),
    );
  });

  it('holds no tag logic: the add step hands the key step its tags', () => {
    const key = template.spec.steps.find((s: any) => s.id === 'tailscale');
    expect(key.each).toBe('${{ steps.region.output.tailscaleKeys }}');
    expect(key.input.tags).toBe('${{ each.value.tags }}');
    expect(JSON.stringify(template.spec.steps)).not.toMatch(/tag:/);
  });
});
