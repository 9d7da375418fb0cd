import { FLEET_REGION_ROLES } from '@inferadb-regions/plugin-inferadb-common';
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
  const [regionPage] = template.spec.parameters;

  it('offers every role of the fleet schema but primary', () => {
    expect(
      regionPage.properties.role.oneOf.map((o: { const: string }) => o.const),
    ).toEqual(FLEET_REGION_ROLES.filter(r => r !== 'primary'));
  });

  it("asks neither storage nor repository: it reads them from the fleet's file", () => {
    const asked = template.spec.parameters.flatMap((page: any) =>
      Object.keys(page.properties ?? {}),
    );
    expect(asked).not.toContain('storage');
    expect(asked).not.toContain('repoUrl');
    expect(template.spec.steps[0]).toMatchObject({
      id: 'locate',
      action: 'inferadb:fleet:locate',
    });
  });

  it('holds no tag logic: the add step hands the key step its tags', () => {
    const key = template.spec.steps.find((s: any) => s.id === 'tailscale');
    expect(key.each).toBe('${{ steps.region.output.tailscaleKeys }}');
    expect(key.input.tags).toBe('${{ each.value.tags }}');
    expect(JSON.stringify(template.spec.steps)).not.toMatch(/tag:/);
  });
});

describe('the remove-region template', () => {
  const template = parse(
    readFileSync(
      resolve(
        __dirname,
        '../../../../../templates/remove-region/template.yaml',
      ),
      'utf8',
    ),
  );

  it("asks no repository: it reads it from the fleet's file", () => {
    const asked = template.spec.parameters.flatMap((page: any) =>
      Object.keys(page.properties ?? {}),
    );
    expect(asked).toEqual(['fleet', 'regionId', 'confirm']);
    expect(template.spec.steps[0].action).toBe('inferadb:fleet:locate');
  });
});
