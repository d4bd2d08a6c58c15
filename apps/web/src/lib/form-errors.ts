import { ApiError, errorMessage } from '../api/client';

export interface ServerFieldSpec<F extends string> {
  field: F;
  /** How the field is called on screen, used in place of the API's property path. */
  label: string;
}

export interface MappedErrors<F extends string> {
  fields: Partial<Record<F, string>>;
  /** Sentences that name no field of this form (shown above it). */
  other: string[];
}

/**
 * Splits the API's validation sentences ("wordpress.username must not be empty", "siteUrl cannot be
 * used: ...") by the field they start with, and names the field as the form does ("Username must not be
 * empty"). Anything else (a quota, a conflict, a network failure) stays a form-level message.
 */
export function mapServerErrors<F extends string>(error: unknown, spec: Record<string, ServerFieldSpec<F>>): MappedErrors<F> {
  const result: MappedErrors<F> = { fields: {}, other: [] };
  if (!(error instanceof ApiError)) {
    result.other.push(errorMessage(error));
    return result;
  }
  const sentences = error.fieldMessages.length > 0 ? error.fieldMessages : [error.message];
  const paths = Object.keys(spec).sort((a, b) => b.length - a.length);
  for (const sentence of sentences) {
    const path = paths.find((p) => sentence === p || sentence.startsWith(`${p} `) || sentence.startsWith(`${p}:`));
    const target = path ? spec[path] : undefined;
    if (!path || !target) {
      result.other.push(sentence);
      continue;
    }
    const rest = sentence.slice(path.length);
    const text = `${target.label}${rest}`;
    const previous = result.fields[target.field];
    result.fields[target.field] = previous ? `${previous} ${text}` : text;
  }
  return result;
}
