import type { Action } from '@custodian/shared/permissions.ts';

export interface NavItem {
  label: string;
  path: string;
  /** Hidden from roles without this permission (the server enforces it regardless). */
  permission?: Action;
  /** Listed as "Coming soon" without a link until the module ships. */
  isComingSoon?: boolean;
  /** Shown only in a provider organisation (consultancy, certification body, trainer). */
  isProviderOnly?: boolean;
  /** Shown only to the platform operator. */
  isOperatorOnly?: boolean;
}

/** True when the item belongs in the navigation of this kind of organisation and this person. */
export function fitsSession(item: NavItem, session: { organisation: { kind: string } | null; user: { isPlatformOperator: boolean } | null }): boolean {
  if (item.isOperatorOnly && !session.user?.isPlatformOperator) return false;
  const isProvider = ['consultant', 'certification_body', 'trainer'].includes(session.organisation?.kind ?? '');
  return !item.isProviderOnly || isProvider;
}

/** The main navigation. A later module is one line here plus its route in routes.tsx. */
export const navItems: NavItem[] = [
  { label: 'Dashboard', path: '/' },
  { label: 'Gap analysis', path: '/gap', permission: 'gap.read' },
  { label: 'Frameworks', path: '/frameworks', permission: 'gap.read' },
  { label: 'Scope & context', path: '/scope', permission: 'scope.read' },
  { label: 'Assets', path: '/assets', permission: 'assets.read' },
  { label: 'Risks', path: '/risks', permission: 'risks.read' },
  { label: 'Risk insights', path: '/risk-insights', permission: 'risks.read' },
  { label: 'Controls', path: '/controls', permission: 'gap.read' },
  { label: 'Statement of Applicability', path: '/soa', permission: 'gap.read' },
  { label: 'Catalogue', path: '/catalogue', permission: 'catalogue.read' },
  { label: 'Audit trail', path: '/audit-log', permission: 'audit_log.read' },
  { label: 'Members', path: '/members', permission: 'members.read' },
  { label: 'Settings', path: '/settings', permission: 'org.read' },
  { label: 'Outbox', path: '/outbox', permission: 'outbox.read' },
  { label: 'Requests for quotes', path: '/marketplace/requests', permission: 'marketplace.read' },
  { label: 'Leads', path: '/provider/leads', permission: 'provider.read', isProviderOnly: true },
  { label: 'Marketplace profile', path: '/provider/profile', permission: 'provider.read', isProviderOnly: true },
  { label: 'Find a provider', path: '/providers' },
  { label: 'Operator console', path: '/operator', isOperatorOnly: true },
  { label: 'Import & export registers', path: '/register', permission: 'risks.read' },
  { label: 'Evidence', path: '/evidence', permission: 'evidence.read' },
  { label: 'Certification', path: '/certification', permission: 'certification.read' },
  { label: 'Documents', path: '/documents', permission: 'documents.read' },
  { label: 'My policies', path: '/my-policies', permission: 'acknowledgements.self' },
  { label: 'Plan to certification', path: '/plan', permission: 'calendar.feed' },
  { label: 'Internal audits', path: '/audits', permission: 'audits.read' },
  { label: 'Nonconformities', path: '/nonconformities', permission: 'audits.read' },
  { label: 'Management reviews', path: '/management-reviews', permission: 'management_reviews.read' },
  { label: 'Training', path: '/training', permission: 'training.read' },
  { label: 'My training', path: '/my-training', permission: 'training.own' },
  // new-module: nav
  { label: 'Suppliers', path: '/suppliers', isComingSoon: true },
  { label: 'Incidents', path: '/incidents', isComingSoon: true },
];

/** True when the nav item is the current page (or a page under it, e.g. /gap/… under /gap). */
export function isCurrentPath(itemPath: string, pathname: string): boolean {
  if (itemPath === '/') return pathname === '/';
  return pathname === itemPath || pathname.startsWith(`${itemPath}/`);
}
