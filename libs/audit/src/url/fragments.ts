/** Fragments that need no element: the top of the page, script routes ("#/path", "#!"), text fragments. */
const FRAGMENT_WITHOUT_TARGET = /^(?:top|[/!]|:~:)/i;

export function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** True for a fragment that should name an element of the target page. */
export function isCheckableFragment(fragment: string): boolean {
  return fragment.length > 0 && !FRAGMENT_WITHOUT_TARGET.test(fragment);
}
