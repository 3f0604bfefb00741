import { useEffect, useEffectEvent, useState } from 'react';
import { TextField } from './field.tsx';

interface SearchFieldProps {
  label: string;
  /** The search as the address has it now. */
  value: string;
  /** Called with the trimmed text once typing pauses. */
  onSearch: (text: string) => void;
  hint?: string;
  delayMs?: number;
}

/**
 * A search box that applies its text after typing pauses. When the search changes from elsewhere
 * ("Clear filters", Back), the box follows; its own changes never interrupt typing.
 */
export function SearchField({ label, value, onSearch, hint, delayMs = 350 }: SearchFieldProps) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const [sent, setSent] = useState(value);

  if (value !== seen) {
    setSeen(value);
    if (value !== sent) {
      setSent(value);
      setText(value);
    }
  }

  const apply = useEffectEvent((trimmed: string) => {
    setSent(trimmed);
    onSearch(trimmed);
  });

  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === value) return;
    const timer = window.setTimeout(() => apply(trimmed), delayMs);
    return () => window.clearTimeout(timer);
  }, [text, value, delayMs]);

  return <TextField label={label} type="search" value={text} hint={hint} onChange={(event) => setText(event.target.value)} />;
}
