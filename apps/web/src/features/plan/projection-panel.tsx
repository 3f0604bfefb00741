import type { PlanView } from '@custodian/shared/contracts/plan.ts';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../router.tsx';

const directionWords = { later: 'later', earlier: 'earlier', same: 'unchanged', first: '' } as const;

/** What to do next, in order, and the projected Stage 2 date with why it moved. */
export function ProjectionPanel({ view, headingLevel = 2 }: { view: PlanView; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const p = view.projection;
  return (
    <section className="panel" aria-labelledby="plan-next-heading" data-testid="plan-panel">
      <Heading id="plan-next-heading">What to do next</Heading>
      {view.next.length === 0 ? (
        <p>Every step is complete.</p>
      ) : (
        <ol>
          {view.next.map((item) => (
            <li key={`${item.kind}:${item.title}`}>
              <Link to={item.href}>{item.kind === 'overdue_milestone' ? `Overdue: ${item.title}` : item.title}</Link> — {item.detail}
            </li>
          ))}
        </ol>
      )}
      <Heading>Projected Stage 2 audit</Heading>
      {!view.plan || !p ? (
        <p>
          <Link to="/plan">Set a target Stage 2 date</Link> to see when certification is likely.
        </p>
      ) : (
        <>
          <p data-testid="projected-stage2">
            <strong>{p.projectedOn ? formatDate(p.projectedOn) : 'Not enough recent work to project a date'}</strong> (planned {formatDate(p.targetOn)})
          </p>
          <p>{p.basis}</p>
          {p.movement.direction !== 'first' && p.movement.since ? (
            <p data-testid="projection-movement">
              Since {formatDate(p.movement.since)}: {p.movement.direction === 'same' ? 'unchanged' : `${p.movement.days} days ${directionWords[p.movement.direction]}`}.{' '}
              {p.movement.reasons.join(' ')}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
