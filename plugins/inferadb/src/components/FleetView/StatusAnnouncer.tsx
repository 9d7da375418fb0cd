import { useEffect, useRef, useState } from 'react';
import { FleetHealth } from '@inferadb-regions/plugin-inferadb-common';
import { STATUS_LABELS } from '../HealthStatus';

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/**
 * Tells screen readers when a region's status changes between polls ("eu-central-1 is
 * now Critical"), instead of re-reading the page or a ticking clock.
 */
export function StatusAnnouncer(props: { fleet: FleetHealth }) {
  const previous = useRef<Map<string, string> | undefined>(undefined);
  const [message, setMessage] = useState('');
  useEffect(() => {
    const now = new Map(props.fleet.regions.map(r => [r.region, r.status]));
    const before = previous.current;
    previous.current = now;
    if (!before) return;
    const changes = props.fleet.regions
      .filter(r => before.has(r.region) && before.get(r.region) !== r.status)
      .map(r => `${r.region} is now ${STATUS_LABELS[r.status]}`);
    if (changes.length) setMessage(changes.join('. '));
  }, [props.fleet]);
  return (
    <div role="status" aria-live="polite" style={visuallyHidden}>
      {message}
    </div>
  );
}
