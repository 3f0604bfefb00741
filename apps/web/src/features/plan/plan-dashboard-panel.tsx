import { useCan } from '../../api/session.ts';
import { LoadError } from '../../components/query-state.tsx';
import { usePlanView } from './plan-api.ts';
import { ProjectionPanel } from './projection-panel.tsx';

/** The dashboard's "what next" and projected Stage 2 date, for people who may read the plan. */
export function PlanDashboardPanel() {
  const canRead = useCan('plan.read');
  const view = usePlanView(canRead);
  if (!canRead || view.isPending) return null;
  if (view.isError) return <LoadError error={view.error} onRetry={() => void view.refetch()} />;
  return <ProjectionPanel view={view.data} />;
}
