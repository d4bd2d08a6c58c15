/** A speech bubble in the style of components/icons (20×20 line icon, decorative). */
export const ChatIcon = () => (
  <svg width="20" height="20" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    <path d="M4.5 3.75h11a1.75 1.75 0 0 1 1.75 1.75v7a1.75 1.75 0 0 1-1.75 1.75H9l-3.75 3v-3h-.75A1.75 1.75 0 0 1 2.75 12.5v-7A1.75 1.75 0 0 1 4.5 3.75z" />
    <path d="M6.5 7.75h7M6.5 10.5h4.5" />
  </svg>
);
