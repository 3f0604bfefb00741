import { useState } from 'react';
import type { GapItem } from '@custodian/shared/contracts/gap.ts';
import { scopePageForItem } from '@custodian/shared/contracts/scope.ts';
import { roleLabels } from '@custodian/shared/permissions.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { DetailRow, DetailsList } from '../../components/details-list.tsx';
import type { SelectOption } from '../../components/field.tsx';
import { StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { StatusBadge, Tag } from '../../components/status-badge.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { kindLabels, useCatalogue } from '../catalogue/catalogue-api.ts';
import { GuidancePanel } from '../catalogue/guidance-panel.tsx';
import { useMembers } from '../members/members-api.ts';
import { useGapItem } from './gap-api.ts';
import { GapItemForm } from './gap-item-form.tsx';
import { gapListAddress } from './gap-list-address.ts';

export function useOwnerOptions(item: Pick<GapItem, 'ownerUserId' | 'ownerName'> | undefined): { options: SelectOption[]; hint?: string } {
  const session = useSignedInSession();
  const canReadMembers = useCan('members.read');
  const members = useMembers({ sort: 'name', limit: 200 }, canReadMembers);
  const options: SelectOption[] = [{ value: '', label: 'No owner yet' }];
  if (members.data) {
    for (const member of members.data.items) options.push({ value: member.userId, label: `${member.name} (${roleLabels[member.role]})` });
    return { options };
  }
  if (item?.ownerUserId && item.ownerName) options.push({ value: item.ownerUserId, label: item.ownerName });
  if (session.user && session.user.id !== item?.ownerUserId) options.push({ value: session.user.id, label: `${session.user.name} (me)` });
  return { options, hint: canReadMembers ? undefined : 'You can assign the item to yourself. An owner or ISMS manager can assign it to anyone in the practice.' };
}

function ReadOnlyDetails({ item, timeZone }: { item: GapItem; timeZone?: string }) {
  return (
    <DetailsList>
      <DetailRow term="Status">
        <StatusBadge status={item.status} />
      </DetailRow>
      <DetailRow term="Owner">{item.ownerName ?? 'No owner yet'}</DetailRow>
      <DetailRow term="Target date">{item.targetDate ? formatDate(item.targetDate) : 'Not set'}</DetailRow>
      <DetailRow term="Notes" className="pre-wrap">
        {item.notes || '—'}
      </DetailRow>
      <DetailRow term="Justification" className="pre-wrap">
        {item.justification || '—'}
      </DetailRow>
      <DetailRow term="Last updated">{item.updatedAt ? formatDateTime(item.updatedAt, timeZone) : 'Never'}</DetailRow>
    </DetailsList>
  );
}

/** One gap analysis item: the edit form beside the catalogue's guidance. */
export function GapItemPage({ itemId }: { itemId: string }) {
  const session = useSignedInSession();
  const canWrite = useCan('gap.write');
  const catalogue = useCatalogue();
  const catalogueItem = catalogue.data?.items.find((candidate) => candidate.id === itemId);
  const gapItem = useGapItem(itemId);
  const owners = useOwnerOptions(gapItem.data);
  const [savedMessage, setSavedMessage] = useState('');
  const timeZone = session.organisation?.timeZone;
  const canReadScope = useCan('scope.read');
  const scopePage = canReadScope ? scopePageForItem(itemId) : null;
  const back = (
    <p>
      <Link to={gapListAddress()}>← Back to gap analysis</Link>
    </p>
  );

  if (catalogue.isPending) return <Loading label="Loading the item…" />;
  if (catalogue.isError) return <LoadError error={catalogue.error} onRetry={() => void catalogue.refetch()} />;
  if (!catalogueItem) {
    return (
      <>
        {back}
        <PageHeader title="Item not found" />
        <p>This item is not in the ISO/IEC 27001:2022 catalogue. Go back to the gap analysis and choose another item.</p>
      </>
    );
  }

  const item = gapItem.data;
  return (
    <>
      {back}
      <PageHeader
        title={`${catalogueItem.ref} ${catalogueItem.title}`}
        intro={
          <p className="item-meta">
            {kindLabels[catalogueItem.kind]}
            {catalogueItem.stage ? ` · Needed for Stage ${catalogueItem.stage}` : ''}
            {item?.isOverdue ? (
              <>
                {' '}
                <Tag tone="danger">Overdue</Tag>
              </>
            ) : null}
          </p>
        }
      />
      <StatusMessage>{savedMessage || null}</StatusMessage>
      {scopePage ? (
        <p className="alert alert-info">
          Record this in Custodian: <Link to={scopePage.path}>{scopePage.title}</Link>. What you record there goes into your scope statement.
        </p>
      ) : null}
      <div className="split">
        <section className="panel" aria-labelledby="record-heading">
          <h2 id="record-heading">{canWrite ? 'Update this item' : 'Current record'}</h2>
          {gapItem.isPending ? <Loading /> : null}
          {gapItem.isError ? <LoadError error={gapItem.error} onRetry={() => void gapItem.refetch()} /> : null}
          {item && canWrite ? (
            <>
              <GapItemForm key={item.itemId} item={item} ownerOptions={owners.options} ownerHint={owners.hint} onSaved={setSavedMessage} />
              {item.updatedAt ? <p className="muted">Last updated {formatDateTime(item.updatedAt, timeZone)}</p> : null}
            </>
          ) : null}
          {item && !canWrite ? <ReadOnlyDetails item={item} timeZone={timeZone} /> : null}
        </section>
        <aside className="panel panel-guidance" aria-labelledby="guidance-heading">
          <h2 id="guidance-heading">Guidance</h2>
          <GuidancePanel item={catalogueItem} headingLevel={3} />
        </aside>
      </div>
    </>
  );
}
