import { useEffect, useId, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { NAVIGATION } from '../app/navigation';
import { CloseIcon, LogoMark, MenuIcon } from '../components/icons';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { UserMenu } from './UserMenu';
import { useMediaQuery, useRouteFocus } from './useRouteFocus';
import { DemoBanner } from './DemoBanner';

export const MOBILE_QUERY = '(max-width: 860px)';

/** Signed-in layout: sidebar navigation (a drawer on small screens), top bar with the account menu, main content. */
export function AppShell() {
  const mainRef = useRef<HTMLElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const navRef = useRef<HTMLElement>(null);
  const [navOpen, setNavOpen] = useState(false);
  const isMobile = useMediaQuery(MOBILE_QUERY);
  const location = useLocation();
  const navId = useId();
  useRouteFocus(mainRef);

  // The drawer closes when the page changes (links, back button) or the screen grows to desktop size.
  useEffect(() => setNavOpen(false), [location.pathname]);
  useEffect(() => {
    if (!isMobile) setNavOpen(false);
  }, [isMobile]);

  // Focus goes back to the menu button once the drawer has closed (the page behind it is inert until then).
  const returnFocus = useRef(false);
  const closeNav = () => {
    returnFocus.current = true;
    setNavOpen(false);
  };
  useEffect(() => {
    if (!navOpen) {
      if (returnFocus.current) toggleRef.current?.focus();
      returnFocus.current = false;
      return;
    }
    navRef.current?.querySelector<HTMLElement>('a')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeNav();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [navOpen]);

  const drawerOpen = isMobile && navOpen;
  return (
    <div className={`shell ${drawerOpen ? 'shell--nav-open' : ''}`}>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <nav
        ref={navRef}
        id={navId}
        className="sidebar"
        aria-label="Main"
        // On a phone the closed drawer is off screen: keep it out of the tab order too.
        inert={isMobile && !navOpen ? true : undefined}
      >
        <div className="sidebar__header">
          <Link to="/sites" className="brand">
            <LogoMark />
            <span className="brand__name">Seology</span>
          </Link>
          {isMobile ? (
            <button
              type="button"
              className="icon-button sidebar__close"
              onClick={closeNav}
            >
              <CloseIcon />
              <span className="visually-hidden">Close navigation</span>
            </button>
          ) : null}
        </div>
        {NAVIGATION.map((section, index) => (
          <div className="nav-section" key={section.label ?? index}>
            {section.label ? (
              <h2 className="nav-section__label" id={`${navId}-section-${index}`}>
                {section.label}
              </h2>
            ) : null}
            <ul className="nav-list" aria-labelledby={section.label ? `${navId}-section-${index}` : undefined}>
              {section.items.map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    className={({ isActive }) => `nav-link ${isActive ? 'nav-link--active' : ''}`}
                    // Closing in the same update as the navigation lets the new page take the focus at once.
                    onClick={() => setNavOpen(false)}
                  >
                    <item.icon />
                    <span>{item.label}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      {drawerOpen ? <div className="backdrop" aria-hidden="true" onClick={closeNav} /> : null}
      <div className="shell__content" inert={drawerOpen ? true : undefined}>
        <header className="topbar">
          <button
            ref={toggleRef}
            type="button"
            className="icon-button topbar__menu"
            aria-expanded={navOpen}
            aria-controls={navId}
            onClick={() => setNavOpen((open) => !open)}
          >
            <MenuIcon />
            <span className="visually-hidden">Open navigation</span>
          </button>
          <Link to="/sites" className="brand topbar__brand">
            <LogoMark />
            <span className="brand__name">Seology</span>
          </Link>
          <div className="topbar__spacer" />
          <NotificationBell />
          <UserMenu />
        </header>
        <main id="main" ref={mainRef} className="main" tabIndex={-1}>
          <DemoBanner />
          <Outlet />
        </main>
      </div>
    </div>
  );
}
