import { useState } from 'react';
import { roleLabels } from '@custodian/shared/permissions.ts';
import { Button } from '../../components/button.tsx';
import { usePeopleCoverage, usePolicyCoverage } from './documents-api.ts';

const percent = (done: number, of: number) => (of === 0 ? '—' : `${Math.round((done / of) * 100)}%`);

/** Acknowledgement coverage: per approved policy, and per person (those with something outstanding first on request). */
export function CoveragePanel() {
  const policies = usePolicyCoverage();
  const [isOutstandingOnly, setOutstandingOnly] = useState(true);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const people = usePeopleCoverage({ outstanding: isOutstandingOnly ? 'true' : undefined, cursor, limit: 50 });
  return (
    <section className="panel" aria-labelledby="coverage-heading">
      <h2 id="coverage-heading">Acknowledgement coverage</h2>
      <table className="table">
        <caption>Per policy</caption>
        <thead>
          <tr>
            <th scope="col">Policy</th>
            <th scope="col">Version</th>
            <th scope="col">Acknowledged</th>
            <th scope="col">Coverage</th>
          </tr>
        </thead>
        <tbody>
          {(policies.data?.items ?? []).map((row) => (
            <tr key={row.documentId}>
              <th scope="row">{row.name}</th>
              <td>{row.approvedLabel ?? '—'}</td>
              <td>{`${row.acknowledged} of ${row.required}`}</td>
              <td>{percent(row.acknowledged, row.required)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Per person</h3>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={isOutstandingOnly}
          onChange={(event) => {
            setOutstandingOnly(event.target.checked);
            setCursor(undefined);
          }}
        />{' '}
        Only people with policies still to acknowledge
      </label>
      <table className="table">
        <caption>Per person</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Role</th>
            <th scope="col">Acknowledged</th>
          </tr>
        </thead>
        <tbody>
          {(people.data?.items ?? []).map((row) => (
            <tr key={row.userId}>
              <th scope="row">{row.name}</th>
              <td>{roleLabels[row.role]}</td>
              <td>{`${row.acknowledged} of ${row.required}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {people.data?.page.next ? (
        <Button variant="secondary" onClick={() => setCursor(people.data?.page.next ?? undefined)}>
          Next people
        </Button>
      ) : null}
    </section>
  );
}
