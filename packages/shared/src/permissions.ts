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
  'outbox.read': ownerOnly,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;

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
