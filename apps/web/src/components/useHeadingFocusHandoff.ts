import { useEffect } from 'react';

/**
 * Route changes focus the page's h1. A screen that first shows a loading heading and then its real one
 * replaces that element, and the browser drops focus to <body>. When the content is ready and focus is
 * on <body>, hand it to the new heading so keyboard and screen-reader users keep their place.
 */
export function useHeadingFocusHandoff(ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    document.querySelector<HTMLElement>('h1[data-page-heading]')?.focus({ preventScroll: true });
  }, [ready]);
}
