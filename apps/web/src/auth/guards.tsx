import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from './auth-context';

interface FromState {
  from?: string;
}

/** Screens for signed-in users: everyone else goes to the sign-in page and comes back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { session, signedOutByUser } = useAuth();
  const location = useLocation();
  if (!session) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/signin" replace state={signedOutByUser ? undefined : ({ from } satisfies FromState)} />;
  }
  return <>{children}</>;
}

/** Sign-in and sign-up: a signed-in user goes on to where they were heading (or Sites). */
export function PublicOnly({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (session) {
    const from = (location.state as FromState | null)?.from;
    // A new account starts in the setup wizard; anyone else goes where they were heading.
    const fallback = location.pathname === '/signup' ? '/onboarding' : '/sites';
    const target = from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/sign') ? from : fallback;
    return <Navigate to={target} replace />;
  }
  return <>{children}</>;
}
