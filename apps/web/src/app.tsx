import { useEffect, type ReactNode } from 'react';
import { sessionCan, useSession } from './api/session.ts';
import { LoadError, Loading } from './components/query-state.tsx';
import { PageHeader } from './components/page-header.tsx';
import { AuthLayout, safeNext } from './features/auth/auth-layout.tsx';
import { StepUpDialog } from './features/auth/step-up-dialog.tsx';
import { Link, matchPath, navigate, useLocation } from './router.tsx';
import { routes, type RouteDef } from './routes.tsx';
import { AppShell } from './shell/app-shell.tsx';

function findRoute(pathname: string): { route: RouteDef; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

/** Sends the browser elsewhere after render (never during it). */
function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { isReplace: true }), [to]);
  return <Loading label="Redirecting…" />;
}

function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>
        There is nothing at this address. Go to the <Link to="/">dashboard</Link>.
      </p>
    </>
  );
}

function NoAccess() {
  return (
    <>
      <PageHeader title="You do not have access to this page" />
      <p>Your role in this organisation does not include this page. Ask an owner of the organisation if you need it.</p>
    </>
  );
}

/**
 * Picks the page for the address and applies the session rules: signed-out pages, sign-in required,
 * the MFA step, and organisations that require everyone to set up two-step verification.
 */
export function App() {
  const location = useLocation();
  const session = useSession();
  const found = findRoute(location.pathname);

  if (session.isPending) return <Loading label="Loading Custodian…" />;
  if (session.isError) {
    return (
      <AuthLayout>
        <PageHeader title="Custodian is not responding" />
        <LoadError error={session.error} onRetry={() => void session.refetch()} />
      </AuthLayout>
    );
  }

  const data = session.data;
  const route = found?.route;
  if (route?.isPublic) {
    const next = safeNext(location.searchParams.get('next'));
    if (data.isSignedIn && route.isSignedOutOnly) return <Redirect to={next} />;
    if (route.path === '/login/mfa' && !data.isMfaPending) return <Redirect to={data.isSignedIn ? next : '/login'} />;
    return <AuthLayout>{route.render(found?.params ?? {})}</AuthLayout>;
  }
  if (data.isMfaPending) return <Redirect to={`/login/mfa?next=${encodeURIComponent(location.href)}`} />;
  if (!data.isSignedIn) return <Redirect to={location.href === '/' ? '/login' : `/login?next=${encodeURIComponent(location.href)}`} />;
  if (data.mustEnrolMfa && location.pathname !== '/account/security') return <Redirect to="/account/security" />;

  let page: ReactNode;
  if (!route) page = <NotFound />;
  else if (route.permission && !sessionCan(data, route.permission)) page = <NoAccess />;
  else page = route.render(found?.params ?? {});
  return (
    <AppShell session={data} key={data.organisation?.orgId ?? 'none'}>
      {page}
      <StepUpDialog session={data} />
    </AppShell>
  );
}
