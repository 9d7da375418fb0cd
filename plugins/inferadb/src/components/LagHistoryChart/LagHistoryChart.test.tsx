import { render, screen } from '@testing-library/react';
import { makeHistory } from '../../__testUtils__/fixtures';
import { LagHistoryChart } from './LagHistoryChart';

describe('LagHistoryChart', () => {
  it('summarises the lag for screen readers and leaves gaps for missing readings', () => {
    // Readings 0.5, 0.8, 1.1, none, 1.2: a line of three and a lone point.
    const { container } = render(
      <LagHistoryChart points={makeHistory().points} targetSeconds={5} />,
    );
    expect(
      screen.getByRole('img', {
        name: 'Replication lag over 5 readings: latest 1.2 s, highest 1.2 s, target 5 s',
      }),
    ).toBeInTheDocument();
    expect(container.querySelectorAll('polyline')).toHaveLength(1);
    expect(
      container.querySelector('polyline')?.getAttribute('points')?.split(' '),
    ).toHaveLength(3);
    expect(container.querySelectorAll('circle')).toHaveLength(1);
    expect(screen.getByText('target')).toBeInTheDocument();
  });

  it('says so when there is no reading', () => {
    const history = makeHistory();
    history.points = history.points.map(p => ({
      ...p,
      replicationLagSeconds: null,
    }));
    render(<LagHistoryChart points={history.points} />);
    expect(
      screen.getByText('No replication lag readings in the history yet.'),
    ).toBeInTheDocument();
  });
});
