import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ComponentProps } from 'react';
import { mockInferadbApi } from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { RolePicker } from './RolePicker';

type Props = ComponentProps<typeof RolePicker>;

const ROLES = [
  { const: 'dr', title: 'DR: second main region' },
  { const: 'satellite', title: 'Satellite: transaction logs' },
  { const: 'replica', title: 'Replica: Engine and Control' },
];

/** The role field as the new-region form has it, with the fleet chosen in the form. */
async function openRoles(fleet: string) {
  const onChange = jest.fn();
  const props = {
    onChange,
    required: true,
    rawErrors: [],
    idSchema: { $id: 'root_role' },
    schema: { title: 'Role', type: 'string', oneOf: ROLES },
    formContext: { formData: { fleet } },
  } as unknown as Props;
  const api = mockInferadbApi();
  await renderWithApis(<RolePicker {...props} />, { api });
  await userEvent.click(await screen.findByRole('button', { name: /Role/ }));
  const listbox = await screen.findByRole('listbox');
  return { onChange, options: within(listbox).getAllByRole('option') };
}

describe('RolePicker', () => {
  it('shows DR as not possible for a fleet that has a DR region', async () => {
    const { options, onChange } = await openRoles(
      'system:default/inferadb-demo',
    );
    expect(options.map(o => o.textContent)).toEqual([
      'DR: second main region (not possible: the fleet already has one, eu-central-1)',
      'Satellite: transaction logs',
      'Replica: Engine and Control',
    ]);
    expect(options[0]).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(options[1]);
    expect(onChange).toHaveBeenCalledWith('satellite');
  });

  it('offers every role of the schema when the fleet is not known', async () => {
    const { options } = await openRoles('system:default/elsewhere');
    expect(options.map(o => o.textContent)).toEqual(ROLES.map(r => r.title));
    expect(options.every(o => o.getAttribute('aria-disabled') !== 'true')).toBe(
      true,
    );
  });
});
