import { useId } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authApi, type SessionReply } from '@custodian/shared/contracts/auth.ts';
import { roleLabels } from '@custodian/shared/permissions.ts';
import { call } from '../api/client.ts';
import { errorMessage } from '../api/api-error.ts';
import { resetAfterSessionChange } from '../api/session.ts';
import { navigate } from '../router.tsx';
import { useDisclosure } from './use-disclosure.ts';

/** Header menu listing the organisations the person belongs to; choosing one switches the session. */
export function OrgSwitcher({ session }: { session: SessionReply }) {
  const queryClient = useQueryClient();
  const { isOpen, close, toggle, containerRef, buttonRef } = useDisclosure();
  const panelId = useId();
  const current = session.organisation;
  const switchOrg = useMutation({
    mutationFn: (orgId: string) => call(authApi.switchOrg, { body: { orgId } }),
    onSuccess: async () => {
      close();
      await resetAfterSessionChange(queryClient);
      navigate('/');
    },
  });

  if (!current) return null;
  return (
    <div className="menu" ref={containerRef}>
      <button ref={buttonRef} type="button" className="menu-button" aria-expanded={isOpen} aria-controls={panelId} onClick={toggle}>
        <span className="sr-only">Switch organisation. Current organisation: </span>
        <span className="menu-button-text">{current.name}</span>
        <span aria-hidden="true" className="menu-caret">
          ▾
        </span>
      </button>
      <div id={panelId} className="menu-panel" hidden={!isOpen}>
        <p className="menu-heading">Your organisations</p>
        <ul className="menu-list">
          {session.memberships.map((membership) => {
            const isCurrent = membership.orgId === current.orgId;
            return (
              <li key={membership.orgId}>
                <button
                  type="button"
                  className="menu-item"
                  aria-current={isCurrent ? 'true' : undefined}
                  disabled={switchOrg.isPending}
                  onClick={() => (isCurrent ? close() : switchOrg.mutate(membership.orgId))}
                >
                  <span className="menu-item-title">{membership.name}</span>
                  <span className="menu-item-meta">
                    {roleLabels[membership.role]}
                    {isCurrent ? ' · current' : ''}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        {switchOrg.isError ? (
          <p className="field-error" role="alert">
            {errorMessage(switchOrg.error)}
          </p>
        ) : null}
      </div>
    </div>
  );
}
