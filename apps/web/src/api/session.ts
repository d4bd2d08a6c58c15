import type { components } from './schema';

export type User = components['schemas']['UserDto'];
export type AuthResponse = components['schemas']['AuthResponseDto'];

/** What the dashboard keeps between page loads to stay signed in. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds at which the access token expires (by this browser's clock). */
  expiresAt: number;
  user: User;
}

/** Where the session lives. The client reads it before every request, so other tabs' refreshes are seen. */
export interface SessionStore {
  load(): Session | null;
  save(session: Session | null): void;
  /** Called with the new value (or null) when another tab changes the session. Returns an unsubscribe. */
  subscribe?(listener: (session: Session | null) => void): () => void;
}

export function sessionFromAuthResponse(body: AuthResponse, now = Date.now()): Session {
  return {
    accessToken: body.accessToken,
    refreshToken: body.refreshToken ?? '',
    expiresAt: now + body.expiresIn * 1000,
    user: body.user,
  };
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.accessToken === 'string' &&
    typeof v.refreshToken === 'string' &&
    typeof v.expiresAt === 'number' &&
    typeof v.user === 'object' &&
    v.user !== null
  );
}

export const SESSION_STORAGE_KEY = 'seology.session';

/**
 * Keeps the session in localStorage so it survives reloads and is shared by tabs.
 * Trade-off, accepted for now: any script running on the dashboard's origin can read the tokens
 * (an XSS would expose them). An httpOnly refresh cookie would remove that exposure; it needs API support.
 */
export class LocalStorageSessionStore implements SessionStore {
  constructor(
    private readonly storage: Storage = window.localStorage,
    private readonly key = SESSION_STORAGE_KEY,
  ) {}

  load(): Session | null {
    try {
      const raw = this.storage.getItem(this.key);
      if (!raw) return null;
      const parsed: unknown = JSON.parse(raw);
      return isSession(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }

  save(session: Session | null): void {
    try {
      if (session) this.storage.setItem(this.key, JSON.stringify(session));
      else this.storage.removeItem(this.key);
    } catch {
      // Storage full or disabled (private mode): the session then lasts for this page only.
    }
  }

  subscribe(listener: (session: Session | null) => void): () => void {
    const onStorage = (event: StorageEvent) => {
      if (event.key === this.key || event.key === null) listener(this.load());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }
}

/** A session kept in memory only (tests, or browsers without storage). */
export class MemorySessionStore implements SessionStore {
  constructor(private session: Session | null = null) {}

  load(): Session | null {
    return this.session;
  }

  save(session: Session | null): void {
    this.session = session;
  }
}
