import type { ReactNode } from 'react';
import { useSignedInSession } from '../../api/session.ts';
import { MyPoliciesPage } from './my-policies-page.tsx';

/** The home page: staff land on the policies they must read; everyone else on `otherwise` (the dashboard). */
export function StaffHome({ otherwise }: { otherwise: ReactNode }) {
  const session = useSignedInSession();
  return session.organisation?.role === 'staff' ? <MyPoliciesPage /> : <>{otherwise}</>;
}
