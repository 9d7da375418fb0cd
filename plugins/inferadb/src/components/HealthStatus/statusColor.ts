import { Theme } from '@material-ui/core/styles';
import { CheckStatus } from '@inferadb-regions/plugin-inferadb-common';

type StatusPalette = Partial<
  Record<'ok' | 'warning' | 'error' | 'aborted', string>
>;

/**
 * The colour of a status in the portal's theme: Backstage's `palette.status` (light and
 * dark variants come with the theme), falling back to Material UI's palette.
 */
export function statusColor(theme: Theme, status: CheckStatus): string {
  const palette =
    (theme.palette as unknown as { status?: StatusPalette }).status ?? {};
  switch (status) {
    case 'healthy':
      return palette.ok ?? theme.palette.success.main;
    case 'degraded':
      return palette.warning ?? theme.palette.warning.main;
    case 'critical':
      return palette.error ?? theme.palette.error.main;
    default:
      return palette.aborted ?? theme.palette.text.secondary;
  }
}

/** Words shown beside every status colour, so colour is never the only signal. */
export const STATUS_LABELS: Record<CheckStatus, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  critical: 'Critical',
  unknown: 'Unknown',
  'not-available': 'Not available',
};
