export {
  createValidateFleetAction,
  VALIDATE_FLEET_ACTION_ID,
} from './validateFleet';
export { createLocateFleetAction, LOCATE_FLEET_ACTION_ID } from './locateFleet';
