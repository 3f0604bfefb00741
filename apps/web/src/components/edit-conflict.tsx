import { useEffect, useId, useRef } from 'react';
import type { ConflictRow } from '../lib/edit-conflict.ts';
import { Button } from './button.tsx';
import { TableWrap } from './table.tsx';

interface EditConflictNoticeProps {
  /** What was edited, as it reads in a sentence: "this item", "the organisation settings", "Sam Lee's role". */
  subject: string;
  rows: ConflictRow[];
  /** Changes whenever a new conflict arrives (e.g. the current version), so focus moves to the notice again. */
  conflictKey: string | number;
  isApplying: boolean;
  onApply: () => void;
  onDiscard: () => void;
  headingLevel?: 2 | 3;
}

/**
 * Shown when someone else saved a record while this person was editing it. Nothing typed is lost: the
 * notice compares the saved version with the person's changes, field by field, and lets them apply
 * their changes to the latest version or discard them. It takes focus when it appears.
 */
export function EditConflictNotice({ subject, rows, conflictKey, isApplying, onApply, onDiscard, headingLevel = 3 }: EditConflictNoticeProps) {
  const headingId = useId();
  const captionId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  useEffect(() => {
    headingRef.current?.focus();
  }, [conflictKey]);

  return (
    <section className="alert alert-warning edit-conflict" aria-labelledby={headingId}>
      <Heading id={headingId} ref={headingRef} tabIndex={-1} className="alert-title">
        Someone else saved {subject} while you were editing
      </Heading>
      <p>Nothing you typed has been lost. Compare your changes with what they saved, then choose what to keep.</p>
      {rows.length > 0 ? (
        <TableWrap labelledBy={captionId}>
          <table className="table table-compact edit-conflict-table">
            <caption id={captionId} className="sr-only">
              Differences between the saved version and your changes
            </caption>
            <thead>
              <tr>
                <th scope="col">What changed</th>
                <th scope="col">Saved by someone else</th>
                <th scope="col">Your change</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.label}</th>
                  <td className="pre-wrap">{row.theirs}</td>
                  <td className="pre-wrap">{row.yours ?? <span className="muted">You did not change this</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>Their changes and yours do not overlap.</p>
      )}
      <p>Applying your changes saves only the fields you changed; everything else stays as they saved it.</p>
      <div className="form-actions">
        <Button isBusy={isApplying} busyText="Saving…" onClick={onApply}>
          Apply my changes to the latest version
        </Button>
        <Button variant="secondary" disabled={isApplying} onClick={onDiscard}>
          Discard my changes
        </Button>
      </div>
    </section>
  );
}
