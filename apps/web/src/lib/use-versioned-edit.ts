import { useState } from 'react';
import { changedFields } from './edit-conflict.ts';

/**
 * The state of a form that edits a versioned record without losing anyone's work (lib/edit-conflict.ts):
 * the record as loaded, the values typed, what differs between them, and the conflict when someone else
 * saved first. A newer version of the record (saved elsewhere on the page, or read again) replaces the
 * form only while nothing is typed and no conflict is shown.
 */
export function useVersionedEdit<R extends { version: number }, V extends object>(record: R, valuesOf: (record: R) => V) {
  const [loaded, setLoaded] = useState<R>(record);
  const [values, setValues] = useState<V>(() => valuesOf(record));
  const [conflict, setConflict] = useState<{ base: R; current: R } | null>(null);
  const [seenVersion, setSeenVersion] = useState(record.version);
  const changes = changedFields(valuesOf(loaded), values);
  const hasChanges = Object.keys(changes).length > 0;

  if (record.version !== seenVersion) {
    setSeenVersion(record.version);
    if (!hasChanges && !conflict && record.version > loaded.version) {
      setLoaded(record);
      setValues(valuesOf(record));
    }
  }

  /** The form shows this version, with nothing typed (after a save, or when the person discards theirs). */
  function showVersion(current: R): void {
    setLoaded(current);
    setValues(valuesOf(current));
    setConflict(null);
  }

  /** Someone else saved `current` first: what the person typed stays, on top of it, and the notice compares them. */
  function keepTypedOver(current: R): void {
    const sentFrom = valuesOf(loaded);
    setConflict({ base: conflict?.base ?? loaded, current });
    setLoaded(current);
    setValues((typed) => ({ ...valuesOf(current), ...changedFields(sentFrom, typed) }));
  }

  const setField = <K extends keyof V>(key: K, value: V[K]) => setValues((current) => ({ ...current, [key]: value }));

  return { loaded, values, setValues, setField, changes, hasChanges, conflict, showVersion, keepTypedOver };
}
