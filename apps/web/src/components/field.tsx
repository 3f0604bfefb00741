import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldFrameProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  isRequired?: boolean;
  children: ReactNode;
}

function FieldFrame({ id, label, hint, error, isRequired, children }: FieldFrameProps) {
  return (
    <div className={error ? 'field field-has-error' : 'field'}>
      <label htmlFor={id} className="field-label">
        {label}
        {isRequired ? <span className="field-required"> (required)</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

interface CommonProps {
  label: string;
  hint?: ReactNode;
  error?: string;
  isRequired?: boolean;
}

type TextFieldProps = CommonProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'required'>;

/** A labelled input with an optional hint and an error shown next to it. */
export function TextField({ label, hint, error, isRequired, id, className, ...rest }: TextFieldProps) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <FieldFrame id={fieldId} label={label} hint={hint} error={error} isRequired={isRequired}>
      <input
        id={fieldId}
        className={['input', className].filter(Boolean).join(' ')}
        required={isRequired}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        {...rest}
      />
    </FieldFrame>
  );
}

type TextAreaFieldProps = CommonProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'required'>;

/** A labelled multi-line text box. */
export function TextAreaField({ label, hint, error, isRequired, id, rows = 4, ...rest }: TextAreaFieldProps) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <FieldFrame id={fieldId} label={label} hint={hint} error={error} isRequired={isRequired}>
      <textarea
        id={fieldId}
        className="input textarea"
        rows={rows}
        required={isRequired}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        {...rest}
      />
    </FieldFrame>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

type SelectFieldProps = CommonProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'required'> & { options: SelectOption[] };

/** A labelled select. */
export function SelectField({ label, hint, error, isRequired, id, options, ...rest }: SelectFieldProps) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <FieldFrame id={fieldId} label={label} hint={hint} error={error} isRequired={isRequired}>
      <select
        id={fieldId}
        className="input select"
        required={isRequired}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        {...rest}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

type CheckboxFieldProps = Omit<CommonProps, 'isRequired'> & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>;

/** A checkbox with its label beside it. */
export function CheckboxField({ label, hint, error, id, ...rest }: CheckboxFieldProps) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <div className={error ? 'field field-checkbox field-has-error' : 'field field-checkbox'}>
      <input id={fieldId} type="checkbox" aria-describedby={describedBy(fieldId, hint, error)} {...rest} />
      <div>
        <label htmlFor={fieldId} className="field-label">
          {label}
        </label>
        {hint ? (
          <p id={`${fieldId}-hint`} className="field-hint">
            {hint}
          </p>
        ) : null}
        {error ? (
          <p id={`${fieldId}-error`} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
