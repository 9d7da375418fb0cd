import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ComponentProps } from 'react';
import { mockInferadbApi } from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { ClusterPicker } from './ClusterPicker';

type Props = ComponentProps<typeof ClusterPicker>;

// A busy test run can take longer than Testing Library's default second.
const PATIENCE = { timeout: 15_000 };

/** Waits until the field no longer says it is loading. */
const loaded = () =>
  waitFor(
    () =>
      expect(
        screen.queryByText('Loading the clusters of inferadb.clusters…'),
      ).toBeNull(),
    PATIENCE,
  );

/** Renders the field and waits until the list of clusters has been answered. */
async function renderPicker(
  api = mockInferadbApi(),
  props: Partial<Props> = {},
) {
  const onChange = jest.fn();
  const all = {
    onChange,
    required: true,
    rawErrors: [],
    idSchema: { $id: 'root_cluster' },
    schema: {
      title: 'Kubernetes cluster',
      description: 'A cluster of inferadb.clusters in app-config.',
    },
    ...props,
  } as unknown as Props;
  await renderWithApis(<ClusterPicker {...all} />, { api });
  await waitFor(() => expect(api.listClusters).toHaveBeenCalled(), PATIENCE);
  await loaded();
  return { onChange, api };
}

describe('ClusterPicker', () => {
  it('offers the configured clusters by name and reports the choice', async () => {
    const { onChange, api } = await renderPicker();
    await userEvent.click(
      screen.getByRole('button', { name: /Kubernetes cluster/ }),
    );
    const options = await screen.findAllByRole('option', {}, PATIENCE);
    expect(options.map(o => o.textContent)).toEqual([
      'k8s-us-west-1',
      'k8s-us-east-1',
    ]);
    await userEvent.click(
      screen.getByRole('option', { name: 'k8s-us-east-1' }),
    );
    expect(onChange).toHaveBeenCalledWith('k8s-us-east-1');
    expect(api.listClusters).toHaveBeenCalledTimes(1);
  });

  it('lets the user type the name when the list cannot be loaded, saying why', async () => {
    const api = mockInferadbApi();
    api.listClusters.mockRejectedValue(new Error('403 missing permission'));
    const { onChange } = await renderPicker(api);
    expect(
      screen.getByText(
        /Could not load the clusters of inferadb.clusters \(403 missing permission\); type the cluster's name instead/,
      ),
    ).toBeInTheDocument();
    await userEvent.type(
      screen.getByRole('textbox', { name: /Kubernetes cluster/ }),
      'k',
    );
    expect(onChange).toHaveBeenLastCalledWith('k');
  });

  it('says how to fix an empty configuration', async () => {
    const api = mockInferadbApi();
    api.listClusters.mockResolvedValue({ clusters: [] });
    await renderPicker(api);
    expect(
      screen.getByText(
        'No Kubernetes cluster is configured: add one to inferadb.clusters in app-config.',
      ),
    ).toBeInTheDocument();
  });

  it('flags a value, e.g. from the URL, that is not a configured cluster', async () => {
    await renderPicker(mockInferadbApi(), { formData: 'k8s-elsewhere' });
    expect(
      screen.getByText(
        '"k8s-elsewhere" is not in inferadb.clusters; choose one of k8s-us-west-1, k8s-us-east-1.',
      ),
    ).toBeInTheDocument();
  });
});
