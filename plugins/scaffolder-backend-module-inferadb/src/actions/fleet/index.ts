export {
  createValidateFleetAction,
  VALIDATE_FLEET_ACTION_ID,
} from './validateFleet';
