import { useId } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authApi, type SessionReply } from '@custodian/shared/contracts/auth.ts';
import { call } from '../api/client.ts';
import { resetAfterSessionChange } from '../api/session.ts';
import { Link, navigate } from '../router.tsx';
import { useDisclosure } from './use-disclosure.ts';

/** Header menu with the person's name: "Account security" and "Sign out". */
export function UserMenu({ session }: { session: SessionReply }) {
  const queryClient = useQueryClient();
  const { isOpen, close, toggle, containerRef, buttonRef } = useDisclosure();
  const panelId = useId();
  const signOut = useMutation({
    mutationFn: () => call(authApi.logOut),
    onSettled: async () => {
      await resetAfterSessionChange(queryClient);
      navigate('/login');
    },
  });

  if (!session.user) return null;
  return (
    <div className="menu menu-right" ref={containerRef}>
      <button ref={buttonRef} type="button" className="menu-button" aria-expanded={isOpen} aria-controls={panelId} onClick={toggle}>
        <span className="sr-only">Account: </span>
        <span className="menu-button-text">{session.user.name}</span>
        <span aria-hidden="true" className="menu-caret">
          ▾
        </span>
      </button>
      <div id={panelId} className="menu-panel" hidden={!isOpen}>
        <p className="menu-heading">{session.user.email}</p>
        <ul className="menu-list">
          <li>
            <Link to="/account/security" className="menu-item" onClick={close}>
              Account security
            </Link>
          </li>
          <li>
            <Link to="/account/api-tokens" className="menu-item" onClick={close}>
              API tokens
            </Link>
          </li>
          <li>
            <button type="button" className="menu-item" disabled={signOut.isPending} onClick={() => signOut.mutate()}>
              Sign out
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
