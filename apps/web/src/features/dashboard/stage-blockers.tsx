import type { ReadinessReply } from '@custodian/shared/contracts/gap.ts';
import { StatusBadge } from '../../components/status-badge.tsx';
import { Link } from '../../router.tsx';

type Stage = ReadinessReply['stages'][number];

const shownBlockers = 10;

/** "What stands between you and Stage 1/2": the items still blocking each certification stage. */
export function StageBlockers({ stage }: { stage: Stage }) {
  const headingId = `stage-${stage.stage}-heading`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>What stands between you and Stage {stage.stage}</h2>
      <p className="muted">{stage.title}</p>
      {stage.isReady || stage.blockers.length === 0 ? (
        <p className="ready-message">Nothing is blocking Stage {stage.stage}. Well done — keep your evidence up to date.</p>
      ) : (
        <>
          <p>
            {stage.blockers.length} {stage.blockers.length === 1 ? 'item needs' : 'items need'} attention
            {stage.blockers.length > shownBlockers ? `; the first ${shownBlockers} are shown` : ''}.
          </p>
          <ul className="blocker-list">
            {stage.blockers.slice(0, shownBlockers).map((blocker) => (
              <li key={blocker.itemId}>
                <Link to={`/gap/${encodeURIComponent(blocker.itemId)}`}>
                  {blocker.ref} {blocker.title}
                </Link>{' '}
                <StatusBadge status={blocker.status} />
                <p className="blocker-reason">{blocker.reason}</p>
              </li>
            ))}
          </ul>
          {stage.blockers.length > shownBlockers ? (
            <p>
              {stage.stage === 1 ? (
                <Link to="/gap?stage=1">See every Stage 1 item in the gap analysis</Link>
              ) : (
                <Link to="/gap">See everything in the gap analysis</Link>
              )}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
