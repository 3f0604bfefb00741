import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { SessionReply } from '@custodian/shared/contracts/auth.ts';
import { sessionCan } from '../api/session.ts';
import { Link, useLocation } from '../router.tsx';
import { fitsSession, isCurrentPath, navItems } from './nav-config.ts';
import { OrgSwitcher } from './org-switcher.tsx';
import { SiteFooter } from './site-footer.tsx';
import { UserMenu } from './user-menu.tsx';

/** Moves focus to the new page's heading after in-app navigation, so screen readers announce it. */
function useFocusOnNavigate(pathname: string): void {
  const isFirst = useRef(true);
  useEffect(() => {
    if (isFirst.current) {
      isFirst.current = false;
      return;
    }
    const frame = window.requestAnimationFrame(() => {
      const target = document.getElementById('page-title') ?? document.getElementById('main');
      target?.focus();
    });
    return () => window.cancelAnimationFrame(frame);
  }, [pathname]);
}

/** The signed-in layout: skip link, header (org switcher, user menu), navigation, main, footer. */
export function AppShell({ session, children }: { session: SessionReply; children: ReactNode }) {
  const { pathname } = useLocation();
  // The small-screen menu is open for the page it was opened on, so it closes by itself after navigating.
  const [navOpenOn, setNavOpenOn] = useState<string | null>(null);
  const isNavOpen = navOpenOn === pathname;
  useFocusOnNavigate(pathname);

  const available = navItems.filter((item) => !item.isComingSoon && fitsSession(item, session) && (!item.permission || sessionCan(session, item.permission)));
  const comingSoon = navItems.filter((item) => item.isComingSoon);
  const isRestricted = session.mustEnrolMfa;

  return (
    <div className="app">
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <header className="site-header">
        <button
          type="button"
          className="nav-toggle"
          aria-expanded={isNavOpen}
          aria-controls="primary-nav"
          onClick={() => setNavOpenOn(isNavOpen ? null : pathname)}
        >
          Menu
        </button>
        <Link to="/" className="brand">
          Custodian
        </Link>
        <div className="header-tools">
          <OrgSwitcher session={session} />
          <UserMenu session={session} />
        </div>
      </header>
      <div className="layout">
        <nav id="primary-nav" className={isNavOpen ? 'site-nav is-open' : 'site-nav'} aria-label="Main">
          {isRestricted ? (
            <p className="nav-note">Set up two-step verification to use the rest of Custodian.</p>
          ) : (
            <>
              <ul className="nav-list">
                {available.map((item) => (
                  <li key={item.path}>
                    <Link to={item.path} className="nav-link" aria-current={isCurrentPath(item.path, pathname) ? 'page' : undefined}>
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
              <p className="nav-heading" id="coming-soon-heading">
                Coming soon
              </p>
              <ul className="nav-list nav-list-soon" aria-labelledby="coming-soon-heading">
                {comingSoon.map((item) => (
                  <li key={item.path} className="nav-soon">
                    {item.label}
                  </li>
                ))}
              </ul>
            </>
          )}
        </nav>
        <main id="main" className="main" tabIndex={-1}>
          {children}
        </main>
      </div>
      <SiteFooter />
    </div>
  );
}
