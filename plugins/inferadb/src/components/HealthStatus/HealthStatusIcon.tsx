import { useTheme } from '@material-ui/core/styles';
import CheckCircle from '@material-ui/icons/CheckCircle';
import Cancel from '@material-ui/icons/Cancel';
import HelpOutline from '@material-ui/icons/HelpOutline';
import RemoveCircleOutline from '@material-ui/icons/RemoveCircleOutline';
import Warning from '@material-ui/icons/Warning';
import { CheckStatus } from '@inferadb-regions/plugin-inferadb-common';
import { STATUS_LABELS, statusColor } from './statusColor';

const ICONS = {
  healthy: CheckCircle,
  degraded: Warning,
  // A cross, as the topology's ✕: critical never shares the warning's exclamation mark.
  critical: Cancel,
  unknown: HelpOutline,
  'not-available': RemoveCircleOutline,
} as const;

/** A status icon whose shape differs per status; labelled for screen readers. */
export function HealthStatusIcon(props: {
  status: CheckStatus;
  fontSize?: 'small' | 'inherit' | 'default' | 'large';
  /** Hide from assistive technology when a visible label sits next to it. */
  decorative?: boolean;
}) {
  const theme = useTheme();
  const Icon = ICONS[props.status] ?? HelpOutline;
  return (
    <Icon
      fontSize={props.fontSize ?? 'small'}
      style={{
        color: statusColor(theme, props.status),
        verticalAlign: 'middle',
      }}
      {...(props.decorative
        ? { 'aria-hidden': true }
        : { role: 'img', 'aria-label': STATUS_LABELS[props.status] })}
    />
  );
}
