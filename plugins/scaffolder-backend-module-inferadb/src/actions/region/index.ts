export {
  createAddRegionAction,
  ADD_REGION_ACTION_ID,
  type RegionActionOptions,
} from './addRegion';
export {
  createRemoveRegionAction,
  REMOVE_REGION_ACTION_ID,
} from './removeRegion';
