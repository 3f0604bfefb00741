/**
 * Who may do what. One list, deny by default. The server enforces it; the web app reads the same list
 * only to hide buttons a person cannot use.
 */
export const roles = ['owner', 'isms_manager', 'contributor', 'staff', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  owner: 'Owner',
  isms_manager: 'ISMS manager',
  contributor: 'Contributor',
  staff: 'Staff',
  auditor: 'Auditor (read-only)',
};

const everyone: readonly Role[] = roles;
const readers: readonly Role[] = ['owner', 'isms_manager', 'contributor', 'auditor'];
const editors: readonly Role[] = ['owner', 'isms_manager', 'contributor'];
const managers: readonly Role[] = ['owner', 'isms_manager'];
const ownerOnly: readonly Role[] = ['owner'];

export const permissions = {
  'org.read': everyone,
  'org.update': ownerOnly,
  'members.read': readers,
  'members.invite': managers,
  'members.manage': ownerOnly,
  'catalogue.read': everyone,
  'gap.read': readers,
  'gap.write': editors,
  'gap.export': readers,
  'audit_log.read': ['owner', 'auditor'],
  'audit_log.verify': ['owner', 'auditor'],
  'audit_log.checkpoints': ownerOnly,
  'outbox.read': ownerOnly,
  'sso.manage': ownerOnly,
  // The marketplace, as a requesting organisation: see requests, quotes and the comparison; ask,
  // reveal, message, accept and review.
  'marketplace.read': readers,
  'marketplace.request': managers,
  // The marketplace, as a provider organisation (its kind decides whether these routes apply).
  'provider.read': readers,
  'provider.manage': managers,
  'leads.respond': managers,
  // Context and scope (4.1–4.3), assets, and the risk register (6.1.2, 6.1.3, 8.2, 8.3).
  'scope.read': readers,
  'scope.write': editors,
  'assets.read': readers,
  'assets.write': editors,
  // The classification scheme decides how every asset is labelled: the people who own the ISMS.
  'assets.scheme': managers,
  'risks.read': readers,
  'risks.write': editors,
  // Changing the risk method re-scores every risk: the people who own the ISMS decide it.
  'risk_method.manage': managers,
  // Importing replaces nothing but adds many rows at once: the people who own the ISMS.
  'register.import': managers,
  // Approving the Statement of Applicability freezes a version auditors rely on: top management.
  'soa.approve': ownerOnly,
  'evidence.read': readers,
  'evidence.write': editors,
  'certification.read': readers,
  'certification.write': editors,
  'documents.read': readers,
  'documents.write': editors,
  // Approving a document makes it the version staff acknowledge and auditors read; asking people to
  // acknowledge it is part of that: the people who own the ISMS.
  'documents.approve': managers,
  // Everyone reads and acknowledges the policies they are asked to (staff included).
  'acknowledgements.self': everyone,
  'plan.read': readers,
  'plan.write': editors,
  // Everyone may have their own calendar feed (staff see their own obligations in it).
  'calendar.feed': everyone,
  'management_reviews.read': readers,
  'management_reviews.write': editors,
  'audits.read': readers,
  'audits.write': editors,
  'training.read': readers,
  'training.write': editors,
  // Recording a completion for someone else, with evidence: the people who own the ISMS.
  'training.record': managers,
  // Everyone sees and completes their own training.
  'training.own': everyone,
  // new-module: permissions (npm run new-module adds a module's actions above this line)
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;

/**
 * How a route is reached: without a session, with any session, mid-MFA, as the platform operator (a
 * role outside every organisation, with two-step verification), or with a permission.
 */
export type Access = 'public' | 'session' | 'mfa_pending' | 'operator' | Action;

/** True when the access rule is an organisation permission (the caller acts inside an organisation). */
export function isAction(access: Access): access is Action {
  return access !== 'public' && access !== 'session' && access !== 'mfa_pending' && access !== 'operator';
}

export interface Actor {
  userId: string;
  role: Role;
}

/** True when the actor's role is granted the action. Unknown actions and missing actors are denied. */
export function can(actor: Actor | null | undefined, action: Action): boolean {
  if (!actor) return false;
  const allowed: readonly Role[] | undefined = permissions[action];
  return allowed !== undefined && allowed.includes(actor.role);
}
