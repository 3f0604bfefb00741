import type { TransitionViewReply } from '@custodian/shared/contracts/frameworks.ts';
import { CheckboxField } from '../../components/field.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { StatusBadge, Tag } from '../../components/status-badge.tsx';
import { TableWrap } from '../../components/table.tsx';
import { Link, setSearchParams, useLocation } from '../../router.tsx';
import { useTransitionView } from './frameworks-api.ts';
import { controlPath } from './frameworks-format.ts';

type TransitionControl = TransitionViewReply['controls'][number];

function Sources({ control }: { control: TransitionControl }) {
  if (control.isNew || control.sources.length === 0) return <Tag tone="warning">New in 2022</Tag>;
  return (
    <ul className="ref-list ref-list-stacked">
      {control.sources.map((source) => (
        <li key={source.ref}>
          {source.ref} {source.title}
        </li>
      ))}
    </ul>
  );
}

/** ISO/IEC 27001:2013 Annex A → 2022: which 2013 controls feed each 2022 control, what is new, and where the practice stands today. */
export function TransitionPage() {
  const view = useTransitionView();
  const location = useLocation();
  const isNewOnly = location.searchParams.get('new') === '1';
  const header = (
    <PageHeader
      title="Moving from ISO/IEC 27001:2013"
      intro={<p>How the Annex A controls of the 2013 edition carry over to the 2022 edition, and where your practice stands on each today.</p>}
    />
  );
  const back = <Link to="/frameworks">← Back to frameworks</Link>;
  if (view.isPending)
    return (
      <>
        {back}
        {header}
        <Loading label="Reading the controls…" />
      </>
    );
  if (view.isError)
    return (
      <>
        {back}
        {header}
        <LoadError error={view.error} onRetry={() => void view.refetch()} />
      </>
    );
  const data = view.data;
  const shown = isNewOnly ? data.controls.filter((control) => control.isNew) : data.controls;
  return (
    <>
      {back}
      {header}
      <p data-testid="transition-summary">
        The {data.legacyCount} controls of the 2013 edition became {data.controls.length} controls in 2022: many were merged or renamed, and {data.newCount} are
        new. If your practice was certified against the 2013 edition, the new controls are the ones your earlier work is least likely to cover.
      </p>
      <section className="panel" aria-labelledby="transition-heading">
        <h2 id="transition-heading">Annex A controls, 2013 to 2022</h2>
        <div className="filter-row">
          <CheckboxField label="New controls only" checked={isNewOnly} onChange={(event) => setSearchParams({ new: event.target.checked ? '1' : null })} />
        </div>
        <p className="muted" role="status">
          Showing {shown.length} of {data.controls.length} controls.
        </p>
        <TableWrap labelledBy="transition-caption">
          <table className="table">
            <caption id="transition-caption" className="sr-only">
              {isNewOnly ? 'Annex A controls new in 2022' : 'Annex A controls of 2022 and the 2013 controls they come from'}
            </caption>
            <thead>
              <tr>
                <th scope="col">2022 control</th>
                <th scope="col">From 2013</th>
                <th scope="col">Your status</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((control) => (
                <tr key={control.controlId}>
                  <th scope="row">
                    <Link to={controlPath(control.ref)}>
                      {control.ref} {control.title}
                    </Link>
                  </th>
                  <td>
                    <Sources control={control} />
                  </td>
                  <td>
                    <StatusBadge status={control.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
    </>
  );
}
