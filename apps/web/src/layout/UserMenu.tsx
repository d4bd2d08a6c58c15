import { useEffect, useId, useRef, useState } from 'react';
import { useAuth, useCurrentUser } from '../auth/auth-context';
import { Badge } from '../components/Badge';
import { ChevronDownIcon } from '../components/icons';
import { humanise } from '../lib/format';

function initials(name: string | null | undefined, email: string): string {
  const source = name?.trim() || email;
  const parts = source.split(/[\s@._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (name && parts[1] ? parts[1][0] : '')).toUpperCase();
}

/** The account button in the top bar: who is signed in, their plan, and Sign out (a disclosure, not a menu). */
export function UserMenu() {
  const user = useCurrentUser();
  const { signOut } = useAuth();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const displayName = user.name?.trim() || user.email;
  return (
    <div
      className="user-menu"
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="avatar" aria-hidden="true">
          {initials(user.name, user.email)}
        </span>
        <span className="user-menu__name">{displayName}</span>
        <span className="visually-hidden">Account menu</span>
        <ChevronDownIcon />
      </button>
      <div ref={panelRef} id={panelId} className="user-menu__panel" hidden={!open}>
        <div className="user-menu__identity">
          <p className="user-menu__display-name">{user.name?.trim() || 'Signed in as'}</p>
          <p className="user-menu__email">{user.email}</p>
          <p className="user-menu__badges">
            <Badge tone="accent">{humanise(user.plan)} plan</Badge>
            {user.role === 'ADMIN' ? <Badge tone="info">Admin</Badge> : null}
          </p>
        </div>
        <button
          type="button"
          className="user-menu__item"
          onClick={() => signOut()}
        >
          Sign out
        </button>
      </div>
    </div>
  );
}
