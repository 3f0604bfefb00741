import type { RiskScore } from '@custodian/shared/contracts/risks.ts';

/** Black or white, whichever reads better on a colour (WCAG relative luminance). */
export function textColourOn(background: string): string {
  const channel = (hex: string) => {
    const value = Number.parseInt(hex, 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(background.slice(1, 3)) + 0.7152 * channel(background.slice(3, 5)) + 0.0722 * channel(background.slice(5, 7));
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

/** A risk level in its matrix colour, with its name (never colour alone). */
export function LevelChip({ label, colour }: { label: string; colour: string }) {
  return (
    <span className="level-chip" style={{ backgroundColor: colour, color: textColourOn(colour) }}>
      {label}
    </span>
  );
}

/** "Likely × Major" and the level chip; "Not scored" when there is none. */
export function ScoreCell({ score, isCompact = false }: { score: RiskScore | null; isCompact?: boolean }) {
  if (!score) return <span className="muted">Not scored</span>;
  return (
    <span className="score-cell">
      <LevelChip label={score.levelLabel} colour={score.colour} />
      {isCompact ? null : (
        <span className="score-words">
          {' '}
          {score.likelihoodLabel} × {score.impactLabel}
        </span>
      )}
    </span>
  );
}
