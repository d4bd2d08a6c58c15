import { useEffect, useRef, useState, type RefObject } from 'react';
import { useLocation } from 'react-router-dom';

/**
 * After every client-side navigation to another path (not the first page load) focus moves to the new
 * page's h1, so keyboard and screen-reader users start at the top of the new content and hear its title.
 */
export function useRouteFocus(container: RefObject<HTMLElement | null>): void {
  const location = useLocation();
  // Read through a ref: whether this is the first load must not itself trigger the effect (a changed
  // query string on the first page would otherwise move focus).
  const isFirstLoad = useRef(true);
  isFirstLoad.current = location.key === 'default';
  useEffect(() => {
    if (isFirstLoad.current) return;
    const root = container.current;
    if (!root) return;
    const heading = root.querySelector<HTMLElement>('[data-page-heading]');
    (heading ?? root).focus({ preventScroll: true });
    if (typeof window.scrollTo === 'function' && !/jsdom/i.test(navigator.userAgent)) window.scrollTo({ top: 0 });
    // Only a new path moves focus; a changed query string (filters, pages) keeps it where it is.
  }, [container, location.pathname]);
}

export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof window.matchMedia === 'function' && window.matchMedia(query).matches);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const list = window.matchMedia(query);
    const onChange = () => setMatches(list.matches);
    onChange();
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}
