import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ComponentProps } from 'react';
import { mockInferadbApi } from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { RegionPicker } from './RegionPicker';

type Props = ComponentProps<typeof RegionPicker>;

const PATIENCE = { timeout: 15_000 };

/** The field as the remove-region form has it, with the fleet chosen in the form. */
async function renderPicker(fleet: string | undefined) {
  const api = mockInferadbApi();
  const onChange = jest.fn();
  const props = {
    onChange,
    required: true,
    rawErrors: [],
    idSchema: { $id: 'root_regionId' },
    schema: { title: 'Region', description: 'A region of the fleet.' },
    uiSchema: { 'ui:options': { exceptPrimary: true } },
    formContext: { formData: { fleet } },
  } as unknown as Props;
  await renderWithApis(<RegionPicker {...props} />, { api });
  return { onChange, api };
}

describe('RegionPicker', () => {
  it("lists the chosen fleet's regions with their roles; the primary cannot be chosen", async () => {
    const { onChange } = await renderPicker('system:default/inferadb-demo');
    const field = await screen.findByRole('button', { name: /Region/ });
    await waitFor(
      () => expect(field).not.toHaveAttribute('aria-disabled'),
      PATIENCE,
    );
    await userEvent.click(field);
    const options = within(await screen.findByRole('listbox')).getAllByRole(
      'option',
    );
    expect(options.map(o => o.textContent)).toEqual([
      'us-west-1 (Primary): the primary cannot be removed; fail over first',
      'eu-central-1 (Disaster recovery)',
      'ap-southeast-1 (Read replica)',
    ]);
    expect(options[0]).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(options[2]);
    expect(onChange).toHaveBeenCalledWith('ap-southeast-1');
  });

  it('asks for the fleet first', async () => {
    await renderPicker(undefined);
    expect(
      await screen.findByText('Choose the fleet first.'),
    ).toBeInTheDocument();
  });

  it('says when the backend knows no such fleet', async () => {
    await renderPicker('system:default/elsewhere');
    expect(
      await screen.findByText(
        "The backend knows no fleet named elsewhere; check its System's inferadb.io/fleet-file.",
        {},
        PATIENCE,
      ),
    ).toBeInTheDocument();
  });
});
