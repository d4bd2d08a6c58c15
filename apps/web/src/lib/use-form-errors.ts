import { useRef, useState } from 'react';
import type { SummaryItem } from '../components/ErrorSummary';
import { mapServerErrors, type ServerFieldSpec } from './form-errors';

/**
 * Error state of a form with an error summary: per-field messages, form-level messages, and the
 * summary's focus after a failed submit (client-side check or the API's answer). Field order in
 * `fieldIds` is the order of the summary.
 */
export function useFormErrors<F extends string>(fieldIds: Record<F, string>, serverFields: Record<string, ServerFieldSpec<F>>) {
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const focusSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());

  /** Shows what a client-side check found; true when it found nothing and the form may be sent. */
  const check = (found: Partial<Record<F, string>>): boolean => {
    setErrors(found);
    setFormErrors([]);
    if (Object.keys(found).length === 0) return true;
    focusSummary();
    return false;
  };

  /** Shows the API's refusal: sentences about a field next to it, the rest above the form. */
  const showServerError = (error: unknown): void => {
    const mapped = mapServerErrors(error, serverFields);
    setErrors(mapped.fields);
    setFormErrors(mapped.other);
    focusSummary();
  };

  const summary: SummaryItem[] = [
    ...formErrors.map((message) => ({ message })),
    ...(Object.keys(fieldIds) as F[]).filter((f) => errors[f]).map((f) => ({ message: errors[f] ?? '', fieldId: fieldIds[f] })),
  ];

  return { errors, summary, summaryRef, check, showServerError, failedOnServer: formErrors.length > 0 };
}
