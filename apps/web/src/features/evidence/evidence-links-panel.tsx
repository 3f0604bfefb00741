import { useState, type FormEvent } from 'react';
import { evidenceTargetKindLabels, evidenceTargetKinds, type EvidenceDetail, type EvidenceTargetKind } from '@custodian/shared/contracts/evidence.ts';
import { Button } from '../../components/button.tsx';
import { SelectField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { useCatalogue } from '../catalogue/catalogue-api.ts';
import { useControls } from '../controls/controls-api.ts';
import { useRisks } from '../risks/risks-api.ts';
import { useEvidenceChanges } from './evidence-api.ts';

const kindOptions = evidenceTargetKinds.map((kind) => ({ value: kind, label: evidenceTargetKindLabels[kind] }));

/**
 * The items a link may point at, by kind: Annex A controls (then the organisation's own) and clauses
 * with requirements from the catalogue, the organisation's risks.
 */
function useTargetOptions(kind: EvidenceTargetKind): Array<{ value: string; label: string }> {
  const catalogue = useCatalogue();
  const risks = useRisks({ sort: 'ref', limit: 200 });
  const own = useControls({ source: 'organisation', sort: 'ref', limit: 200 });
  if (kind === 'risk') return (risks.data?.items ?? []).map((risk) => ({ value: risk.id, label: `${risk.ref} ${risk.title}` }));
  const items = catalogue.data?.items ?? [];
  const fromCatalogue = items.filter((item) => (kind === 'control' ? item.kind === 'control' : item.kind === 'clause' && item.hasRequirements)).map((item) => ({ value: item.id, label: `${item.ref} ${item.title}` }));
  return kind === 'control' ? [...fromCatalogue, ...(own.data?.items ?? []).map((control) => ({ value: control.controlId, label: `${control.ref} ${control.title}` }))] : fromCatalogue;
}

/** What an item is evidence of: the list, and (for those who may) adding and removing links. */
export function EvidenceLinksPanel({ item, canWrite }: { item: EvidenceDetail; canWrite: boolean }) {
  const [kind, setKind] = useState<EvidenceTargetKind>('control');
  const [targetId, setTargetId] = useState('');
  const options = useTargetOptions(kind);
  const { link, unlink } = useEvidenceChanges();

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!targetId) return;
    link.mutate({ id: item.id, body: { targetKind: kind, targetId } }, { onSuccess: () => setTargetId('') });
  }

  return (
    <section className="panel" aria-labelledby="evidence-links-heading">
      <h2 id="evidence-links-heading">Evidence of</h2>
      <FormAlert error={link.error ?? unlink.error} />
      {item.links.length === 0 ? <p className="muted">Not linked to any control, requirement or risk yet.</p> : null}
      <ul className="plain-list">
        {item.links.map((target) => (
          <li key={`${target.kind}:${target.id}`}>
            {evidenceTargetKindLabels[target.kind]} {target.ref} {target.title}{' '}
            {canWrite ? (
              <Button variant="secondary" isBusy={unlink.isPending && unlink.variables.query.targetId === target.id} busyText="Removing…" onClick={() => unlink.mutate({ id: item.id, query: { targetKind: target.kind, targetId: target.id } })}>
                Remove <span className="sr-only">the link to {target.ref}</span>
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <form onSubmit={handleSubmit} noValidate className="form">
          <SelectField
            label="Evidence of"
            value={kind}
            options={kindOptions}
            onChange={(e) => {
              setKind(e.target.value as EvidenceTargetKind);
              setTargetId('');
            }}
          />
          <SelectField label={evidenceTargetKindLabels[kind]} value={targetId} options={[{ value: '', label: 'Choose…' }, ...options]} onChange={(e) => setTargetId(e.target.value)} />
          <div className="form-actions">
            <Button type="submit" isBusy={link.isPending} busyText="Linking…" disabled={!targetId}>
              Link
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
