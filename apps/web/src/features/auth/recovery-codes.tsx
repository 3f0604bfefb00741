import { useMemo, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { StatusMessage } from '../../components/form-alert.tsx';
import { recoveryCodesText } from './recovery-codes-text.ts';

interface RecoveryCodesProps {
  codes: string[];
  /** Whose codes they are, printed at the top of the file and the printout. */
  owner: { email: string; organisation?: string | null };
  onDone: () => void;
}

const fileName = 'custodian-recovery-codes.txt';

/** Saves text as a file through a temporary link (no server round trip: the codes never leave the page). */
function downloadText(text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Shows new recovery codes once, with Copy, Download (.txt) and Print, and a button to confirm they are saved. */
export function RecoveryCodes({ codes, owner, onDone }: RecoveryCodesProps) {
  const [status, setStatus] = useState('');
  const { email, organisation } = owner;
  const text = useMemo(() => recoveryCodesText(codes, { email, organisation }, new Date()), [codes, email, organisation]);

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('The recovery codes are copied. Paste them into your password manager.');
    } catch {
      setStatus('Your browser did not allow copying. Use Download or Print instead, or select the codes and copy them.');
    }
  }

  return (
    <section className="panel recovery-codes-panel" aria-labelledby="recovery-codes-heading">
      <h2 id="recovery-codes-heading">Your recovery codes</h2>
      <p>
        Each code lets you sign in once if you lose your phone. Save them in a password manager, or print them and keep them somewhere safe, away from
        your computer. <strong>They will not be shown again.</strong>
      </p>
      <ol className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="form-actions recovery-codes-actions">
        <Button variant="secondary" onClick={() => void copy()}>
          Copy
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            downloadText(text);
            setStatus(`Downloaded ${fileName}. Move it somewhere safe.`);
          }}
        >
          Download (.txt)
        </Button>
        <Button variant="secondary" onClick={() => window.print()}>
          Print
        </Button>
      </div>
      <StatusMessage>{status || null}</StatusMessage>
      <Button onClick={onDone}>I have saved these codes</Button>
    </section>
  );
}
