import type { TrainingCoverage } from '@custodian/shared/contracts/training.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { TableWrap } from '../../components/table.tsx';
import { formatDate } from '../../lib/format.ts';
import { useTrainingCoverage } from './training-api.ts';

type Tally = TrainingCoverage['items'][number];

function TallyCells({ tally }: { tally: Tally | TrainingCoverage['teams'][number] }) {
  return (
    <>
      <td>{tally.assigned}</td>
      <td>{tally.complete}</td>
      <td>{tally.percentComplete} %</td>
      <td>{tally.due}</td>
      <td>{tally.overdue}</td>
    </>
  );
}

const tallyHeaders = ['Assigned', 'Complete', 'Percent complete', 'Due', 'Overdue'];

/** Coverage of training per team, per item and per person, on the organisation's today. */
export function TrainingCoveragePage() {
  const coverage = useTrainingCoverage();
  if (coverage.isPending) return <Loading />;
  if (coverage.isError) return <LoadError error={coverage.error} onRetry={() => void coverage.refetch()} />;
  const { teams, items, people, today } = coverage.data;
  return (
    <>
      <PageHeader title="Training coverage" intro={<p>Who has completed their training, as of {formatDate(today)}. A repeated item counts as due again 30 days before it is next due.</p>} />
      <h2 id="team-coverage">Per team</h2>
      <TableWrap labelledBy="team-coverage">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">People</th>
              {tallyHeaders.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {teams.map((t) => (
              <tr key={t.teamId ?? 'none'}>
                <th scope="row">{t.name}</th>
                <td>{t.people}</td>
                <TallyCells tally={t} />
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2 id="item-coverage">Per training item</h2>
      <TableWrap labelledBy="item-coverage">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Training</th>
              {tallyHeaders.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.itemId}>
                <th scope="row">{i.title}</th>
                <TallyCells tally={i} />
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2 id="people-coverage">Per person</h2>
      <TableWrap labelledBy="people-coverage">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Team</th>
              <th scope="col">Next due</th>
              {tallyHeaders.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.userId}>
                <th scope="row">{p.name}</th>
                <td>{p.teamName ?? '—'}</td>
                <td>{p.nextDueOn ? formatDate(p.nextDueOn) : '—'}</td>
                <TallyCells tally={{ ...p, itemId: p.userId, title: p.name }} />
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
