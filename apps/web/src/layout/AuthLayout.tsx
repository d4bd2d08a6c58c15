import { useRef } from 'react';
import { Outlet } from 'react-router-dom';
import { LogoMark } from '../components/icons';
import { useRouteFocus } from './useRouteFocus';

/** Sign in / sign up: a centred card. */
export function AuthLayout() {
  const mainRef = useRef<HTMLElement>(null);
  useRouteFocus(mainRef);
  return (
    <div className="auth-layout">
      <main id="main" ref={mainRef} className="auth-layout__main" tabIndex={-1}>
        <div className="auth-layout__brand">
          <LogoMark />
          <span className="brand__name">Seology</span>
        </div>
        <div className="auth-card">
          <Outlet />
        </div>
        <p className="auth-layout__footnote">Find what hurts your search ranking, and fix it on your live site.</p>
      </main>
    </div>
  );
}
