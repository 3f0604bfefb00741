import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/api-error.ts';

interface FormAlertProps {
  /** The error of the last attempt (an ApiError from the server or a local validation error). */
  error: unknown;
  /** Fields whose messages are shown next to the field; other issues are listed here. */
  fieldNames?: string[];
}

/** An assertive live region that announces why a form was not accepted. Always rendered so it is announced. */
export function FormAlert({ error, fieldNames = [] }: FormAlertProps) {
  const extra = error instanceof ApiError ? error.issues.filter((issue) => !fieldNames.includes(issue.path.split('.')[0] ?? '')) : [];
  return (
    <div role="alert" className={error ? 'alert alert-error' : 'alert-empty'}>
      {error ? (
        <>
          <p className="alert-title">{errorMessage(error)}</p>
          {error instanceof ApiError && error.issues.length > extra.length ? <p>Check the highlighted fields below.</p> : null}
          {extra.length ? (
            <ul>
              {extra.map((issue) => (
                <li key={issue.path + issue.message}>{issue.path ? `${issue.path}: ${issue.message}` : issue.message}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** A polite live region for success messages ("Saved"). Always rendered so changes are announced. */
export function StatusMessage({ children }: { children?: ReactNode }) {
  return (
    <div role="status" className={children ? 'alert alert-success' : 'alert-empty'}>
      {children}
    </div>
  );
}

/** Non-form notice (information or warning), not a live region. */
export function Notice({ tone = 'info', children }: { tone?: 'info' | 'warning' | 'error'; children: ReactNode }) {
  return <div className={`alert alert-${tone}`}>{children}</div>;
}
