import { useState } from 'react';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { SelectField } from '../../components/field.tsx';
import { TableWrap } from '../../components/table.tsx';
import { formatDate } from '../../lib/format.ts';
import { soaDownloads, useSoaDiff, useSoaVersions } from './soa-api.ts';

function Diff({ from, to }: { from: number; to: number }) {
  const diff = useSoaDiff(from, to);
  if (from === to) return <p className="muted">Choose two different versions to compare.</p>;
  if (diff.isPending) return <Loading label="Comparing…" />;
  if (diff.isError) return <LoadError error={diff.error} onRetry={() => void diff.refetch()} />;
  if (diff.data.changes.length === 0) return <p>{`Versions ${from} and ${to} say the same.`}</p>;
  return (
    <ul className="soa-diff" aria-label={`Changes from version ${from} to version ${to}`}>
      {diff.data.changes.map((change) => (
        <li key={change.controlId}>
          <strong>
            {change.ref} {change.title}
          </strong>
          {change.change === 'added' ? ' — added' : change.change === 'removed' ? ' — removed' : null}
          {change.fields.length > 0 ? (
            <ul>
              {change.fields.map((field) => (
                <li key={field.field}>{`${field.label}: “${field.before || 'none'}” → “${field.after || 'none'}”`}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The approved versions with their downloads, and what changed between any two. */
export function SoaVersions({ timeZone }: { timeZone?: string }) {
  const versions = useSoaVersions();
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  if (versions.isPending) return <Loading label="Loading the approved versions…" />;
  if (versions.isError) return <LoadError error={versions.error} onRetry={() => void versions.refetch()} />;
  const items = versions.data.items;
  if (items.length === 0) return null;
  const latest = items[0]?.version ?? 1;
  const shownTo = to ?? latest;
  const shownFrom = from ?? Math.max(1, shownTo - 1);
  const options = items.map((item) => ({ value: String(item.version), label: `Version ${item.version}` }));
  return (
    <section className="panel" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Approved versions</h2>
      <TableWrap label="Approved versions">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Approved by</th>
              <th scope="col">Approved on</th>
              <th scope="col">Controls</th>
              <th scope="col">Note</th>
              <th scope="col">Download</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.version}>
                <th scope="row">{item.version}</th>
                <td>{item.approvedByName ?? 'A former member'}</td>
                <td>{formatDate(item.approvedAt, timeZone)}</td>
                <td>{`${item.applicableCount} applicable, ${item.excludedCount} excluded`}</td>
                <td>{item.note || '—'}</td>
                <td>
                  {soaDownloads(item.version).map((file, i) => (
                    <span key={file.href}>
                      {i > 0 ? ' · ' : null}
                      <a href={file.href} download aria-label={`Version ${item.version} as ${file.label}`}>
                        {file.label}
                      </a>
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {items.length > 1 ? (
        <>
          <h3>Compare two versions</h3>
          <div className="filter-row">
            <SelectField label="From" value={String(shownFrom)} options={options} onChange={(event) => setFrom(Number(event.target.value))} />
            <SelectField label="To" value={String(shownTo)} options={options} onChange={(event) => setTo(Number(event.target.value))} />
          </div>
          <Diff from={shownFrom} to={shownTo} />
        </>
      ) : null}
    </section>
  );
}
