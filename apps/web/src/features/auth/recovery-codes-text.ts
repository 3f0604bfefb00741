/** The recovery codes as a plain-text file a person can keep (download, copy, print). */
export function recoveryCodesText(codes: readonly string[], who: { email: string; organisation?: string | null }, today: Date): string {
  const day = new Intl.DateTimeFormat('en-AU', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(today);
  return [
    `Custodian recovery codes for ${who.email}${who.organisation ? ` (${who.organisation})` : ''}`,
    `Made on ${day}. Each code signs you in once if you lose your phone. Keep them somewhere safe, away from your computer.`,
    '',
    ...codes.map((code, i) => `${String(i + 1).padStart(2, ' ')}. ${code}`),
    '',
  ].join('\n');
}
