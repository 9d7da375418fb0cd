import { useApi } from '@backstage/core-plugin-api';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import useAsync from 'react-use/esm/useAsync';
import { inferadbApiRef } from '../../api';
import { PickerField } from '../PickerField';

/** The name the form field is used by: `ui:field: InferadbClusterPicker`. */
export const CLUSTER_PICKER_FIELD = 'InferadbClusterPicker';

/**
 * A Kubernetes cluster of `inferadb.clusters`, chosen by name from the backend's list, so
 * templates do not keep a copy of the configuration. The actions check the name against
 * the same configuration; the form never learns a cluster's URL or credentials.
 */
export function ClusterPicker(props: FieldExtensionComponentProps<string>) {
  const {
    formData,
    onChange,
    required,
    disabled,
    rawErrors = [],
    schema,
    idSchema,
  } = props;
  const api = useApi(inferadbApiRef);
  const { value, loading, error } = useAsync(() => api.listClusters(), [api]);
  const names = value?.clusters.map(c => c.name) ?? [];
  const unknown = !!value && !!formData && !names.includes(formData);

  let helperText: string | undefined = schema.description;
  if (loading) helperText = 'Loading the clusters of inferadb.clusters…';
  else if (error)
    helperText = `Could not load the clusters of inferadb.clusters (${error.message}); type the cluster's name instead.`;
  else if (!names.length)
    helperText =
      'No Kubernetes cluster is configured: add one to inferadb.clusters in app-config.';
  else if (unknown)
    helperText = `"${formData}" is not in inferadb.clusters; choose one of ${names.join(
      ', ',
    )}.`;

  return (
    <PickerField
      id={idSchema?.$id}
      select={!error}
      label={schema.title ?? 'Kubernetes cluster'}
      required={required}
      disabled={disabled || loading}
      value={formData}
      onChange={onChange}
      error={!!error || unknown || rawErrors.length > 0}
      helperText={helperText}
      options={(unknown ? [...names, formData] : names).map(name => ({
        value: name,
      }))}
    />
  );
}
