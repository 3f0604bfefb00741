import { Button } from '../../components/button.tsx';

interface RecoveryCodesProps {
  codes: string[];
  onDone: () => void;
}

/** Shows new recovery codes once, with a button to confirm they have been saved. */
export function RecoveryCodes({ codes, onDone }: RecoveryCodesProps) {
  return (
    <section className="panel" aria-labelledby="recovery-codes-heading">
      <h2 id="recovery-codes-heading">Your recovery codes</h2>
      <p>
        Each code lets you sign in once if you lose your phone. Print them or write them down and keep them somewhere safe, away from your
        computer. <strong>They will not be shown again.</strong>
      </p>
      <ol className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <Button onClick={onDone}>I have saved these codes</Button>
    </section>
  );
}
