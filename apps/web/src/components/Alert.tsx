import type { ReactNode } from 'react';

export type AlertTone = 'error' | 'success' | 'info' | 'warning';

interface AlertProps {
  tone?: AlertTone;
  title?: string;
  children?: ReactNode;
  /** Announce when it appears (role="alert" for errors, role="status" otherwise). Default true. */
  live?: boolean;
  actions?: ReactNode;
  id?: string;
  className?: string;
}

const ICONS: Record<AlertTone, string> = { error: '!', warning: '!', success: '✓', info: 'i' };

export function Alert({ tone = 'info', title, children, live = true, actions, id, className }: AlertProps) {
  const role = live ? (tone === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div id={id} className={`alert alert--${tone} ${className ?? ''}`} role={role}>
      <span className="alert__icon" aria-hidden="true">
        {ICONS[tone]}
      </span>
      <div className="alert__body">
        {title ? <p className="alert__title">{title}</p> : null}
        {children ? <div className="alert__text">{children}</div> : null}
        {actions ? <div className="alert__actions">{actions}</div> : null}
      </div>
    </div>
  );
}
