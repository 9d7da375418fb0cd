import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CheckStatus } from '@inferadb-regions/plugin-inferadb-common';
import { HealthStatusIcon } from './HealthStatusIcon';
import { STATUS_LABELS } from './statusColor';

/** Icon plus word: the way every status is shown in this plugin. */
export function HealthStatusLabel(props: {
  status: CheckStatus;
  /** Replaces the status word, e.g. a check's actual value. */
  text?: string;
  variant?: 'body2' | 'body1' | 'h6' | 'subtitle2';
}) {
  return (
    <Box
      component="span"
      display="inline-flex"
      alignItems="center"
      style={{ gap: 4, whiteSpace: 'nowrap' }}
    >
      <HealthStatusIcon status={props.status} decorative />
      <Typography component="span" variant={props.variant ?? 'body2'}>
        {props.text ?? STATUS_LABELS[props.status]}
      </Typography>
    </Box>
  );
}
