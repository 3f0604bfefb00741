import { useMutation, useQuery } from '@tanstack/react-query';
import { marketplaceRequestsApi, type CreateRequestBody, type GuestRequestBody } from '@custodian/shared/contracts/marketplace-requests.ts';
import { call } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { navigate } from '../../router.tsx';
import { RequestForm } from './request-form.tsx';

/** An organisation asks for quotes: the form pre-filled from what Custodian holds. */
export function NewRequestPage() {
  const draft = useQuery({ queryKey: ['marketplace-request-draft'], queryFn: () => call(marketplaceRequestsApi.draft) });
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => call(marketplaceRequestsApi.create, { body: body as CreateRequestBody }),
    onSuccess: (created) => navigate(`/marketplace/requests/${created.id}`),
  });
  return (
    <>
      <PageHeader
        title="Ask for quotes"
        intro={
          <p>
            Fill in one form and receive up to three quotes each from vetted consultants and accredited certification bodies, at no cost. Providers see what you
            need, never who you are, until you choose to show one of them. The marketplace checks every request before it is sent.
          </p>
        }
      />
      {draft.isPending ? <Loading /> : null}
      {draft.isError ? <LoadError error={draft.error} onRetry={() => void draft.refetch()} /> : null}
      {draft.data ? (
        <RequestForm
          mode="org"
          defaults={{
            organisationName: draft.data.organisationName,
            headcount: draft.data.headcount,
            targetDate: draft.data.targetDate,
            readiness: draft.data.readiness,
            ismsBuiltBy: draft.data.ismsBuiltBy ? { providerId: draft.data.ismsBuiltBy.providerId, finishedOn: draft.data.ismsBuiltBy.finishedOn } : null,
          }}
          isBusy={create.isPending}
          serverError={create.error}
          onSubmit={(body) => create.mutate(body)}
        />
      ) : null}
    </>
  );
}

/** Anyone asks for quotes without an account; a private link to confirm arrives by e-mail. */
export function GuestNewRequestPage() {
  const create = useMutation({ mutationFn: (body: Record<string, unknown>) => call(marketplaceRequestsApi.guestCreate, { body: body as GuestRequestBody }) });
  if (create.isSuccess) {
    return (
      <>
        <PageHeader title="Check your e-mail" />
        <p>
          We have sent you a private link. Open it to confirm your e-mail address; the marketplace then checks your request and sends it to providers. The same
          link shows the providers it went to and their quotes, so keep the e-mail. If you do not confirm within 7 days, the request is not sent.
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Ask for quotes"
        intro={<p>No account needed. Providers see what you need, never who you are, until you choose to show one of them.</p>}
      />
      <RequestForm mode="guest" defaults={{}} isBusy={create.isPending} serverError={create.error} onSubmit={(body) => create.mutate(body)} />
    </>
  );
}
