import { useCallback, useState } from 'react';

/** A set of chosen values (checkbox groups: scopes, events), with a toggle that keeps the set immutable for React. */
export function useToggleSet<T>(initial: Iterable<T> = []): [Set<T>, (value: T, on: boolean) => void, (next: Set<T>) => void] {
  const [values, setValues] = useState<Set<T>>(() => new Set(initial));
  const toggle = useCallback((value: T, on: boolean) => {
    setValues((current) => {
      const next = new Set(current);
      if (on) next.add(value);
      else next.delete(value);
      return next;
    });
  }, []);
  return [values, toggle, setValues];
}
