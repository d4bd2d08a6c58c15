import type { components } from './schema';

export type User = components['schemas']['UserDto'];
export type AuthResponse = components['schemas']['AuthResponseDto'];

/**
 * What this tab knows of the session: the access token, in memory only. The refresh token is an
 * httpOnly cookie no script can read; a reload or a new tab gets a fresh access token from it.
 */
export interface Session {
  accessToken: string;
  /** Epoch milliseconds at which the access token expires (by this browser's clock). */
  expiresAt: number;
  user: User;
}

/** Where this tab keeps the session. */
export interface SessionStore {
  load(): Session | null;
  save(session: Session | null): void;
}

export function sessionFromAuthResponse(body: AuthResponse, now = Date.now()): Session {
  return { accessToken: body.accessToken, expiresAt: now + body.expiresIn * 1000, user: body.user };
}

/** The session kept in this page's memory: gone on reload, out of reach of storage-reading scripts. */
export class MemorySessionStore implements SessionStore {
  constructor(private session: Session | null = null) {}

  load(): Session | null {
    return this.session;
  }

  save(session: Session | null): void {
    this.session = session;
  }
}

export type SessionMessage = 'signed-in' | 'signed-out';

/** Tells the dashboard's other tabs that this one signed in or out. It carries no token. */
export interface SessionChannel {
  post(message: SessionMessage): void;
  subscribe(listener: (message: SessionMessage) => void): () => void;
}

export const SESSION_CHANNEL_NAME = 'seology.session';

/** A SessionChannel over BroadcastChannel (every tab of the same origin). */
export class BroadcastSessionChannel implements SessionChannel {
  private readonly channel = new BroadcastChannel(SESSION_CHANNEL_NAME);

  post(message: SessionMessage): void {
    this.channel.postMessage(message);
  }

  subscribe(listener: (message: SessionMessage) => void): () => void {
    const onMessage = (event: MessageEvent<unknown>) => {
      if (event.data === 'signed-in' || event.data === 'signed-out') listener(event.data);
    };
    this.channel.addEventListener('message', onMessage);
    return () => this.channel.removeEventListener('message', onMessage);
  }
}

export const CSRF_COOKIE = 'seology_csrf';

/** The CSRF token the API set next to the refresh cookie, echoed in X-CSRF-Token; undefined when signed out. */
export function readCsrfCookie(cookies: string = typeof document === 'undefined' ? '' : document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE && rest.length > 0) return decodeURIComponent(rest.join('=')) || undefined;
  }
  return undefined;
}
