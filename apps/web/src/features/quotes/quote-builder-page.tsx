import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { quotesApi, type Quote, type SaveQuoteBody } from '@custodian/shared/contracts/quotes.ts';
import { formatAud, workPackageKinds, workPackageLabels, type CbQuoteLines, type WorkPackageKind } from '@custodian/shared/domain/quote-normaliser.ts';
import { call } from '../../api/client.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { TextAreaField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Loading, LoadError } from '../../components/query-state.tsx';
import { MessagesPanel } from './messages-panel.tsx';

const cbFields: Array<{ key: keyof CbQuoteLines; label: string; isMoney: boolean }> = [
  { key: 'stage1Days', label: 'Stage 1 audit (days)', isMoney: false },
  { key: 'stage2Days', label: 'Stage 2 audit (days)', isMoney: false },
  { key: 'surveillance1Days', label: 'Surveillance year 1 (days)', isMoney: false },
  { key: 'surveillance2Days', label: 'Surveillance year 2 (days)', isMoney: false },
  { key: 'recertificationDays', label: 'Recertification (days)', isMoney: false },
  { key: 'dayRateCents', label: 'Day rate (AUD)', isMoney: true },
  { key: 'applicationFeeCents', label: 'Application fee (AUD)', isMoney: true },
  { key: 'certificateFeeCents', label: 'Certificate fee (AUD)', isMoney: true },
  { key: 'annualFeeCents', label: 'Annual fee (AUD)', isMoney: true },
  { key: 'travelCentsPerAudit', label: 'Travel per audit (AUD)', isMoney: true },
];

type Row = { days: string; fee: string; year: string };
const toCents = (text: string) => Math.round(Number(text || '0') * 100);
const toDollars = (cents: number) => (cents / 100).toFixed(2);

function initialCb(quote: Quote | null): Record<string, string> {
  const lines = quote?.kind === 'certification' ? (quote.lines as CbQuoteLines) : null;
  return Object.fromEntries(cbFields.map((field) => [field.key, lines ? (field.isMoney ? toDollars(lines[field.key]) : String(lines[field.key])) : '']));
}

function initialPackages(quote: Quote | null): Record<WorkPackageKind, Row> {
  const packages = quote?.kind === 'consulting' && 'packages' in quote.lines ? quote.lines.packages : [];
  return Object.fromEntries(
    workPackageKinds.map((kind) => {
      const found = packages.find((p) => p.kind === kind);
      return [kind, found ? { days: String(found.days), fee: toDollars(found.feeCents), year: String(found.year) } : { days: '', fee: '', year: '0' }];
    }),
  ) as Record<WorkPackageKind, Row>;
}

function QuoteForm({ leadId, kind, quote, canEdit }: { leadId: string; kind: 'certification' | 'consulting'; quote: Quote | null; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [cb, setCb] = useState(() => initialCb(quote));
  const [packages, setPackages] = useState(() => initialPackages(quote));
  const [assumptions, setAssumptions] = useState(quote?.assumptions ?? '');
  const [validUntil, setValidUntil] = useState(quote?.validUntil ?? '');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['quote-builder', leadId] });
  const body = (): SaveQuoteBody => {
    const version = quote?.version ?? 0;
    if (kind === 'certification') {
      const lines = Object.fromEntries(cbFields.map((field) => [field.key, field.isMoney ? toCents(cb[field.key] ?? '') : Number(cb[field.key] || '0')])) as unknown as CbQuoteLines;
      return { kind, version, lines, assumptions, validUntil };
    }
    const chosen = workPackageKinds.filter((k) => packages[k].days !== '' || packages[k].fee !== '');
    return { kind, version, lines: { packages: chosen.map((k) => ({ kind: k, days: Number(packages[k].days || '0'), feeCents: toCents(packages[k].fee), year: Number(packages[k].year) as 0 | 1 | 2 | 3 })) }, assumptions, validUntil };
  };
  const save = useMutation({ mutationFn: () => call(quotesApi.save, { params: { leadId }, body: body() }), onSettled: refresh });
  const submit = useMutation({ mutationFn: () => call(quotesApi.submit, { params: { leadId }, body: { version: quote?.version ?? 0 } }), onSettled: refresh });
  const withdraw = useMutation({ mutationFn: () => call(quotesApi.withdraw, { params: { leadId }, body: { version: quote?.version ?? 0 } }), onSettled: refresh });
  const onSave = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={onSave}>
      <FormAlert error={save.error ?? submit.error ?? withdraw.error} />
      <fieldset disabled={!canEdit}>
        <legend>{kind === 'certification' ? 'Certification audit cycle' : 'Work packages'}</legend>
        {kind === 'certification'
          ? cbFields.map((field) => (
              <TextField key={field.key} label={field.label} inputMode="decimal" value={cb[field.key] ?? ''} onChange={(event) => setCb({ ...cb, [field.key]: event.target.value })} />
            ))
          : workPackageKinds.map((k) => (
              <div key={k} role="group" aria-label={workPackageLabels[k]}>
                <strong>{workPackageLabels[k]}</strong>
                <TextField label="Days" inputMode="decimal" value={packages[k].days} onChange={(event) => setPackages({ ...packages, [k]: { ...packages[k], days: event.target.value } })} />
                <TextField label="Fee (AUD)" inputMode="decimal" value={packages[k].fee} onChange={(event) => setPackages({ ...packages, [k]: { ...packages[k], fee: event.target.value } })} />
                <TextField label="Year of the cycle (0–3)" inputMode="numeric" value={packages[k].year} onChange={(event) => setPackages({ ...packages, [k]: { ...packages[k], year: event.target.value } })} />
              </div>
            ))}
        <TextAreaField label="Assumptions" value={assumptions} maxLength={5000} onChange={(event) => setAssumptions(event.target.value)} />
        <TextField label="Valid until" type="date" value={validUntil} onChange={(event) => setValidUntil(event.target.value)} />
        <Button type="submit" isBusy={save.isPending} busyText="Saving…">
          Save draft
        </Button>
      </fieldset>
      {quote?.status === 'draft' ? (
        <Button isBusy={submit.isPending} busyText="Submitting…" onClick={() => submit.mutate()}>
          Submit quote to the requester
        </Button>
      ) : null}
      {quote?.status === 'submitted' ? (
        <Button variant="secondary" isBusy={withdraw.isPending} busyText="Withdrawing…" onClick={() => withdraw.mutate()}>
          Withdraw quote
        </Button>
      ) : null}
    </form>
  );
}

/** The provider's structured quote on an accepted lead, and the conversation with the requester. */
export function QuoteBuilderPage({ leadId }: { leadId: string }) {
  const session = useSignedInSession();
  const canRespond = useCan('leads.respond');
  const builder = useQuery({ queryKey: ['quote-builder', leadId], queryFn: () => call(quotesApi.builder, { params: { leadId } }) });
  if (builder.isPending) return <Loading label="Loading the quote…" />;
  if (builder.isError) return <LoadError error={builder.error} onRetry={() => void builder.refetch()} />;
  const data = builder.data;
  return (
    <>
      <PageHeader title="Quote" intro={<p>{data.kind === 'certification' ? 'Quote the whole certification cycle: both stages, two surveillance audits and recertification.' : 'Quote the consulting work as packages with days and fees.'}</p>} />
      {data.quote ? (
        <StatusMessage>
          Three-year total {formatAud(data.quote.totalCents)} ({data.quote.years.map((year) => `${year.label}: ${formatAud(year.totalCents)}`).join('; ')}).
        </StatusMessage>
      ) : null}
      <QuoteForm key={`${data.quote?.id ?? 'new'}-${data.quote?.version ?? 0}`} leadId={leadId} kind={data.kind} quote={data.quote} canEdit={canRespond && data.canEdit} />
      <MessagesPanel
        queryKey={['lead-messages', leadId]}
        load={() => call(quotesApi.providerMessages, { params: { leadId } })}
        send={(body) => call(quotesApi.providerSend, { params: { leadId }, body: { body } })}
        otherSide="the requester"
        timeZone={session.organisation?.timeZone}
        canSend={canRespond}
      />
    </>
  );
}
