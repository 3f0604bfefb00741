import { useId } from 'react';

interface ScoreCardProps {
  label: string;
  percent: number;
  testId: string;
  isLarge?: boolean;
  note?: string;
}

/** A readiness percentage exposed as a meter named by its heading (e.g. "Overall readiness"). */
export function ScoreCard({ label, percent, testId, isLarge = false, note }: ScoreCardProps) {
  const id = useId();
  return (
    <section className={isLarge ? 'score-card score-card-large' : 'score-card'} aria-labelledby={id}>
      <h2 id={id} className="score-label">
        {label}
      </h2>
      <div
        className="score-value"
        role="meter"
        aria-labelledby={id}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%`}
        data-testid={testId}
      >
        {percent}%
      </div>
      {note ? <p className="score-note">{note}</p> : null}
    </section>
  );
}
