import type { ReactNode } from 'react';
import { Link } from '../../router.tsx';
import { useSignedInSession } from '../../api/session.ts';
import { useMyTraining } from '../training/training-api.ts';
import { MyPoliciesPage } from './my-policies-page.tsx';

/** The home page: staff land on the policies they must read and their training; everyone else on `otherwise` (the dashboard). */
export function StaffHome({ otherwise }: { otherwise: ReactNode }) {
  const session = useSignedInSession();
  if (session.organisation?.role !== 'staff') return <>{otherwise}</>;
  return (
    <>
      <MyPoliciesPage />
      <TrainingDue />
    </>
  );
}

/** One line under the policies: how much training is waiting, and the way to it. */
function TrainingDue() {
  const mine = useMyTraining();
  if (!mine.data) return null;
  const waiting = mine.data.items.filter((item) => item.status !== 'complete');
  const overdue = waiting.filter((item) => item.status === 'overdue').length;
  return (
    <section className="panel" aria-labelledby="training-due-heading">
      <h2 id="training-due-heading">Your training</h2>
      <p>
        {waiting.length === 0
          ? 'You have no training waiting.'
          : `${waiting.length === 1 ? 'One training item is' : `${waiting.length} training items are`} waiting for you${overdue > 0 ? `, ${overdue} overdue` : ''}.`}{' '}
        <Link to="/my-training">Open my training</Link>
      </p>
    </section>
  );
}
