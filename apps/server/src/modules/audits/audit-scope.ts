import { auditClauses } from '@custodian/shared/contracts/audits.ts';
import type { ControlItem } from '@custodian/shared/contracts/controls.ts';
import type { GapItem } from '@custodian/shared/contracts/gap.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { listAllGapItems } from '../gap/gap.service.ts';
import { listAllControls } from '../gap/controls.service.ts';

/** What an audit can cover: the top-level clauses 4 to 10 (with their requirements) and the applicable controls. */
export interface AuditUniverse {
  clauses: Array<{ ref: string; title: string }>;
  requirements: GapItem[];
  controls: ControlItem[];
}

/** The clauses from the catalogue, their requirements from the gap analysis, and the SoA's applicable controls. */
export async function auditUniverse(ctx: OrgCtx): Promise<AuditUniverse> {
  const top = ctx.deps.catalogue.catalogue.clauses.filter((c) => c.parent === null && (auditClauses as readonly string[]).includes(c.ref));
  const requirements = (await listAllGapItems(ctx)).filter((item) => item.kind === 'clause');
  const controls = (await listAllControls(ctx)).filter((control) => control.isApplicable);
  return { clauses: top.map((c) => ({ ref: c.ref, title: c.title })), requirements, controls };
}

function refused(path: string, message: string): AppError {
  return new AppError('validation_failed', message, [{ path, message }]);
}

/** Every control in scope must be in the register and applicable (an excluded control is not audited). */
export function assertControlsAuditable(universe: AuditUniverse, controlIds: readonly string[]): void {
  for (const id of controlIds) {
    if (!universe.controls.some((control) => control.controlId === id)) {
      throw refused('scopeControls', `The control ${id} is not an applicable control of your register, so it cannot be in an audit's scope.`);
    }
  }
}

/** The checklist lines of a scope: each requirement of each clause in scope, then each control in scope. */
export function checklistLines(universe: AuditUniverse, scope: { clauses: readonly string[]; controls: readonly string[] }) {
  const requirements = universe.requirements.filter((item) => item.clause !== null && scope.clauses.includes(item.clause));
  const controls = universe.controls.filter((control) => scope.controls.includes(control.controlId));
  return [
    ...requirements.map((item) => ({ item_id: item.itemId, kind: 'requirement', ref: item.ref, title: item.title })),
    ...controls.map((control) => ({ item_id: control.controlId, kind: 'control', ref: control.ref, title: control.title })),
  ];
}

/**
 * Independence (9.2): nobody audits their own work. The auditor may not be the owner of any control
 * in scope, nor of any requirement of a clause in scope (the owners set in the gap analysis and the
 * controls register). Returns the plain-words refusal, or null when the auditor is independent.
 */
export function independenceRefusal(universe: AuditUniverse, scope: { clauses: readonly string[]; controls: readonly string[] }, auditor: { userId: string | null; name: string | null }): string | null {
  if (auditor.userId === null) return null;
  const owned = [
    ...universe.requirements.filter((item) => item.clause !== null && scope.clauses.includes(item.clause) && item.ownerUserId === auditor.userId).map((item) => item.ref),
    ...universe.controls.filter((control) => scope.controls.includes(control.controlId) && control.ownerUserId === auditor.userId).map((control) => control.ref),
  ];
  if (owned.length === 0) return null;
  const shown = owned.slice(0, 5).join(', ') + (owned.length > 5 ? ` and ${owned.length - 5} more` : '');
  return `${auditor.name ?? 'This person'} owns ${shown} in this audit's scope, and nobody may audit their own work. Choose another auditor, or take those items out of the scope.`;
}
