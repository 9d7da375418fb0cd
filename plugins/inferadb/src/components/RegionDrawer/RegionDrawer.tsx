import Box from '@material-ui/core/Box';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import Close from '@material-ui/icons/Close';
import { RegionHealth } from '@inferadb-regions/plugin-inferadb-common';
import { RegionDetails } from './RegionDetails';

const useStyles = makeStyles((theme: Theme) => ({
  paper: {
    width: 640,
    maxWidth: '100vw',
    padding: theme.spacing(2, 3),
  },
}));

/**
 * The region drawer. It is driven by the region id the parent holds, and shows whatever
 * the latest poll says about that region, so a poll never closes it.
 */
export function RegionDrawer(props: {
  region?: RegionHealth;
  open: boolean;
  onClose: () => void;
  pollIntervalMs?: number;
}) {
  const classes = useStyles();
  const titleId = 'inferadb-region-drawer-title';
  return (
    <Drawer
      anchor="right"
      open={props.open}
      onClose={props.onClose}
      classes={{ paper: classes.paper }}
      PaperProps={{ role: 'dialog', 'aria-labelledby': titleId } as object}
    >
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="h5" component="h2" id={titleId}>
          {props.region ? `Region ${props.region.region}` : 'Region'}
        </Typography>
        <IconButton aria-label="Close region details" onClick={props.onClose}>
          <Close />
        </IconButton>
      </Box>
      {props.region ? (
        <RegionDetails
          region={props.region}
          pollIntervalMs={props.pollIntervalMs}
        />
      ) : (
        <Typography variant="body2">
          This region is no longer part of the fleet's latest snapshot.
        </Typography>
      )}
    </Drawer>
  );
}
