import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { StatusMessage } from '../../components/form-alert.tsx';

/** The new token's secret, shown this once, with a Copy button. */
export function NewTokenSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [status, setStatus] = useState('');

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(secret);
      setStatus('The token is copied. Paste it where your program keeps its settings.');
    } catch {
      setStatus('Your browser did not allow copying. Select the token and copy it yourself.');
    }
  }

  return (
    <section className="panel" aria-labelledby="new-secret-heading">
      <h2 id="new-secret-heading">Your new token “{name}”</h2>
      <p>
        Copy it now and keep it somewhere safe, such as a password manager. <strong>It will not be shown again.</strong> Anyone who has it can act as you, within
        what it may do.
      </p>
      <p>
        <code className="token-secret" data-testid="new-token-secret">
          {secret}
        </code>
      </p>
      <p className="field-hint">Programs send it in the header “Authorization: Bearer …”. For the Custodian command line, put it in the CUSTODIAN_TOKEN setting.</p>
      <div className="form-actions">
        <Button variant="secondary" onClick={() => void copy()}>
          Copy token
        </Button>
        <Button onClick={onDone}>I have copied it</Button>
      </div>
      <StatusMessage>{status || null}</StatusMessage>
    </section>
  );
}
