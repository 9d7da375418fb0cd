import { ReactNode } from 'react';
import Alert from '@material-ui/lab/Alert';
import { InfoCard, Progress } from '@backstage/core-components';
import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import { Polled } from '../../hooks/usePolled';
import { FleetLoadError } from '../FleetView';

/**
 * A card over a polled answer: what to add when the entity lacks annotations, else the
 * answer, the load error with a retry, or progress until the first answer.
 */
export function PolledCard<T>(props: {
  title: string;
  /** Annotations the entity lacks; the card says to add them. */
  missingAnnotations: string[];
  /** What is wrong with the entity and how to fix it, when it is malformed. */
  problem?: string;
  fleet?: string;
  polled: Polled<T>;
  children: (value: T) => ReactNode;
}) {
  const { missingAnnotations, polled } = props;
  let body: ReactNode;
  if (missingAnnotations.length) {
    body = <MissingAnnotationEmptyState annotation={missingAnnotations} />;
  } else if (props.problem) {
    body = <Alert severity="error">{props.problem}</Alert>;
  } else if (polled.value) {
    body = props.children(polled.value);
  } else if (polled.error) {
    body = (
      <FleetLoadError
        error={polled.error}
        fleet={props.fleet}
        onRetry={polled.retry}
      />
    );
  } else {
    body = <Progress />;
  }
  return <InfoCard title={props.title}>{body}</InfoCard>;
}
