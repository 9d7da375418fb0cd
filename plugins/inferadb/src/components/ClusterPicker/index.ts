export { ClusterPicker, CLUSTER_PICKER_FIELD } from './ClusterPicker';
