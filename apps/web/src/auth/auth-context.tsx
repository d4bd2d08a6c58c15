import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { SESSION_ENDED_MESSAGE, type Body } from '../api/client';
import type { Session, User } from '../api/session';
import { useApi } from '../app/api-context';

export interface AuthContextValue {
  session: Session | null;
  /** The signed-in user, kept fresh from GET /api/auth/me. */
  user: User | null;
  signIn: (input: Body<'post', '/api/auth/signin'>) => Promise<void>;
  signUp: (input: Body<'post', '/api/auth/signup'>) => Promise<void>;
  /** `message` is shown on the sign-in page, e.g. after a password change ended every session. */
  signOut: (message?: string) => void;
  /** Set when the server ended the session (expired or revoked refresh token), for the sign-in page. */
  endedMessage: string | null;
  /** The user signed out here: the next sign-in starts on Sites rather than on the screen left behind. */
  signedOutByUser: boolean;
  clearEndedMessage: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export const meQueryKey = ['auth', 'me'] as const;

export function AuthProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(() => api.session);
  // After a reload (or in a new tab) the access token is gone from memory: get one from the session cookie first.
  const [restoring, setRestoring] = useState(() => api.canRestore);
  const [endedMessage, setEndedMessage] = useState<string | null>(null);
  const [signedOutByUser, setSignedOutByUser] = useState(false);

  useEffect(
    () =>
      api.onSessionChange((next, reason) => {
        setSession(next);
        if (reason === 'ended') setEndedMessage(SESSION_ENDED_MESSAGE);
        // Nothing cached for one account may be shown to the next one.
        if (!next || reason === 'signed-in') queryClient.clear();
      }),
    [api, queryClient],
  );

  useEffect(() => {
    if (!restoring) return;
    let live = true;
    void api.restore().then((restored) => {
      if (!live) return;
      setSession(restored);
      setRestoring(false);
    });
    return () => {
      live = false;
    };
  }, [api, restoring]);

  const me = useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => api.get('/api/auth/me', { signal }),
    enabled: session !== null,
    staleTime: 60_000,
  });

  const signIn = useCallback(
    async (input: Body<'post', '/api/auth/signin'>) => {
      await api.signIn(input);
      setEndedMessage(null);
      setSignedOutByUser(false);
    },
    [api],
  );
  const signUp = useCallback(
    async (input: Body<'post', '/api/auth/signup'>) => {
      await api.signUp(input);
      setEndedMessage(null);
      setSignedOutByUser(false);
    },
    [api],
  );
  const signOut = useCallback(
    (message?: string) => {
      setSignedOutByUser(true);
      if (message) setEndedMessage(message);
      api.signOut();
    },
    [api],
  );
  const clearEndedMessage = useCallback(() => setEndedMessage(null), []);

  const value = useMemo<AuthContextValue>(
    () => ({
      session,
      user: session ? (me.data ?? session.user) : null,
      signIn,
      signUp,
      signOut,
      endedMessage,
      signedOutByUser,
      clearEndedMessage,
    }),
    [session, me.data, signIn, signUp, signOut, endedMessage, signedOutByUser, clearEndedMessage],
  );
  if (restoring) {
    return (
      <p role="status" className="app-restoring">
        Signing you in…
      </p>
    );
  }
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth() needs an <AuthProvider> above it');
  return value;
}

/** The signed-in user; only for screens behind <RequireAuth>. */
export function useCurrentUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser() used outside a signed-in screen');
  return user;
}
