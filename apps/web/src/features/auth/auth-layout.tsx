import type { ReactNode } from 'react';
import { Link } from '../../router.tsx';
import { SiteFooter } from '../../shell/site-footer.tsx';

/** The signed-out layout: a simple header, one card in the main landmark, the footer. */
export function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="app auth-app">
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <header className="site-header auth-header">
        <Link to="/login" className="brand">
          Custodian
        </Link>
        <p className="brand-tagline">Information security for Australian healthcare practices</p>
      </header>
      <main id="main" className="auth-main" tabIndex={-1}>
        <div className="auth-card">{children}</div>
      </main>
      <SiteFooter />
    </div>
  );
}

/** Only same-site paths are followed after sign-in (never another origin). */
export function safeNext(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) return '/';
  return value;
}
