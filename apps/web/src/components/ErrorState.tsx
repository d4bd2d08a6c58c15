import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../api/client';
import { Alert } from './Alert';
import { Button } from './Button';
import { PageHeader } from './PageHeader';

/** A failed load: the server's sentence and a way to try again, announced to screen readers. */
export function ErrorState({ error, onRetry, title = 'Could not load this' }: { error: unknown; onRetry?: () => void; title?: string }) {
  return (
    <Alert
      tone="error"
      title={title}
      actions={
        onRetry ? (
          <Button size="sm" onClick={onRetry}>
            Try again
          </Button>
        ) : undefined
      }
    >
      {errorMessage(error)}
    </Alert>
  );
}

/**
 * A detail page whose resource failed to load: "not found" (it does not exist, or the user lost
 * access, which the API answers the same way) with the way back, or the error with a retry.
 */
export function DetailLoadError(props: {
  error: unknown;
  onRetry: () => void;
  /** What is shown, e.g. "Site". */
  noun: string;
  eyebrow: ReactNode;
  notFoundMessage: string;
  back: { to: string; label: string };
}) {
  const notFound = props.error instanceof ApiError && props.error.status === 404;
  return (
    <>
      <PageHeader title={notFound ? `${props.noun} not found` : props.noun} eyebrow={props.eyebrow} />
      {notFound ? (
        <Alert tone="error" title={props.notFoundMessage}>
          <Link to={props.back.to}>{props.back.label}</Link>
        </Alert>
      ) : (
        <ErrorState title={`Could not load this ${props.noun.toLowerCase()}`} error={props.error} onRetry={props.onRetry} />
      )}
    </>
  );
}
