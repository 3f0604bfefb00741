import type { ControlItem } from '@custodian/shared/contracts/controls.ts';

/**
 * Why a control cannot be excluded, or null when it can: a control that treats a risk (named by an open
 * risk's treatment task) is needed by the risk treatment plan, so the Statement of Applicability would
 * contradict the risk register (6.1.3 d).
 */
export function exclusionRefusal(control: Pick<ControlItem, 'ref' | 'risks' | 'riskCount'>): string | null {
  if (control.riskCount === 0) return null;
  const more = control.riskCount - control.risks.length;
  const refs = `${control.risks.map((risk) => risk.ref).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  return `${control.ref} treats ${refs}, so it cannot be excluded. Change those risks' treatment first, or keep the control applicable.`;
}
