/** A group of checkboxes for choosing several values from a fixed list (services, states, sectors). */
export function ChoiceSet<T extends string>({ legend, options, labels, value, onChange, isDisabled }: { legend: string; options: readonly T[]; labels?: Record<T, string>; value: readonly T[]; onChange: (next: T[]) => void; isDisabled?: boolean }) {
  return (
    <fieldset className="field choice-set">
      <legend className="field-label">{legend}</legend>
      {options.map((option) => (
        <label key={option} className="choice">
          <input
            type="checkbox"
            checked={value.includes(option)}
            disabled={isDisabled}
            onChange={(event) => onChange(event.target.checked ? [...value, option] : value.filter((v) => v !== option))}
          />{' '}
          {labels ? labels[option] : option}
        </label>
      ))}
    </fieldset>
  );
}
