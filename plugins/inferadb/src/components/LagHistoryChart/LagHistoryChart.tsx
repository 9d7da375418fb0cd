import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import { HealthHistoryPoint } from '@inferadb-regions/plugin-inferadb-common';
import { statusColor } from '../HealthStatus';
import { formatLag } from '../format';

const WIDTH = 420;
const HEIGHT = 140;
const PAD = { left: 44, right: 12, top: 12, bottom: 24 };

const useStyles = makeStyles((theme: Theme) => ({
  svg: { width: '100%', height: 'auto', display: 'block' },
  axis: {
    fill: theme.palette.text.secondary,
    fontSize: 11,
    fontFamily: theme.typography.fontFamily,
  },
}));

/**
 * Replication lag over the backend's history, with the region's target as a dashed line.
 * Points without a lag reading leave a gap instead of pretending to be zero.
 */
export function LagHistoryChart(props: {
  points: HealthHistoryPoint[];
  targetSeconds?: number;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const readings = props.points
    .map(p => ({
      t: Date.parse(p.collectedAt),
      lag: p.replicationLagSeconds,
      status: p.status,
    }))
    .filter(p => !Number.isNaN(p.t));
  const values = readings.flatMap(p => (p.lag === null ? [] : [p.lag]));
  if (values.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No replication lag readings in the history yet.
      </Typography>
    );
  }
  const t0 = readings[0].t;
  const t1 = Math.max(readings[readings.length - 1].t, t0 + 1);
  const maxLag = Math.max(...values, props.targetSeconds ?? 0, 1) * 1.1;
  const x = (t: number) =>
    PAD.left + ((t - t0) / (t1 - t0)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) =>
    HEIGHT - PAD.bottom - (v / maxLag) * (HEIGHT - PAD.top - PAD.bottom);

  // Split into segments at missing readings.
  const segments: string[] = [];
  let current: string[] = [];
  for (const p of readings) {
    if (p.lag === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else {
      current.push(`${x(p.t).toFixed(1)},${y(p.lag).toFixed(1)}`);
    }
  }
  if (current.length) segments.push(current.join(' '));

  const latest = values[values.length - 1];
  const summary = `Replication lag over ${
    readings.length
  } readings: latest ${formatLag(latest)}, highest ${formatLag(
    Math.max(...values),
  )}${
    props.targetSeconds !== undefined
      ? `, target ${formatLag(props.targetSeconds)}`
      : ''
  }`;
  const fmtTime = (t: number) =>
    new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <svg
      className={classes.svg}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={summary}
      data-testid="lag-history-chart"
    >
      <line
        x1={PAD.left}
        x2={PAD.left}
        y1={PAD.top}
        y2={HEIGHT - PAD.bottom}
        stroke={theme.palette.divider}
      />
      <line
        x1={PAD.left}
        x2={WIDTH - PAD.right}
        y1={HEIGHT - PAD.bottom}
        y2={HEIGHT - PAD.bottom}
        stroke={theme.palette.divider}
      />
      <text
        className={classes.axis}
        x={PAD.left - 4}
        y={PAD.top + 8}
        textAnchor="end"
      >
        {formatLag(maxLag)}
      </text>
      <text
        className={classes.axis}
        x={PAD.left - 4}
        y={HEIGHT - PAD.bottom}
        textAnchor="end"
      >
        0 s
      </text>
      <text className={classes.axis} x={PAD.left} y={HEIGHT - 6}>
        {fmtTime(t0)}
      </text>
      <text
        className={classes.axis}
        x={WIDTH - PAD.right}
        y={HEIGHT - 6}
        textAnchor="end"
      >
        {fmtTime(t1)}
      </text>
      {props.targetSeconds !== undefined && (
        <g>
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={y(props.targetSeconds)}
            y2={y(props.targetSeconds)}
            stroke={statusColor(theme, 'degraded')}
            strokeDasharray="5 4"
          />
          <text
            className={classes.axis}
            x={WIDTH - PAD.right}
            y={y(props.targetSeconds) - 4}
            textAnchor="end"
          >
            target
          </text>
        </g>
      )}
      {segments.map((pts, i) =>
        pts.includes(' ') ? (
          <polyline
            key={i}
            points={pts}
            fill="none"
            stroke={theme.palette.primary.main}
            strokeWidth={2}
          />
        ) : (
          <circle
            key={i}
            cx={pts.split(',')[0]}
            cy={pts.split(',')[1]}
            r={2.5}
            fill={theme.palette.primary.main}
          />
        ),
      )}
    </svg>
  );
}
