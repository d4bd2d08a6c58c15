import type { SVGProps } from 'react';

/** Simple 20×20 line icons; decorative (aria-hidden) wherever they are used. */
function Icon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    />
  );
}

export const GlobeIcon = () => (
  <Icon>
    <circle cx="10" cy="10" r="7.25" />
    <path d="M2.75 10h14.5M10 2.75c2 2.1 3 4.5 3 7.25s-1 5.15-3 7.25c-2-2.1-3-4.5-3-7.25s1-5.15 3-7.25z" />
  </Icon>
);

export const JobsIcon = () => (
  <Icon>
    <rect x="3" y="3.5" width="14" height="13" rx="2" />
    <path d="M6.5 7.5h7M6.5 10.5h7M6.5 13.5h4" />
  </Icon>
);

export const KeyIcon = () => (
  <Icon>
    <circle cx="7" cy="12.5" r="3.5" />
    <path d="M9.5 10l6.5-6.5M13.5 6l2 2M11.75 7.75l1.5 1.5" />
  </Icon>
);

export const MenuIcon = () => (
  <Icon>
    <path d="M3.5 5.5h13M3.5 10h13M3.5 14.5h13" />
  </Icon>
);

export const CloseIcon = () => (
  <Icon>
    <path d="M5 5l10 10M15 5L5 15" />
  </Icon>
);

export const ChevronDownIcon = () => (
  <Icon width="16" height="16">
    <path d="M5.5 8l4.5 4.5L14.5 8" />
  </Icon>
);

export const PlusIcon = () => (
  <Icon width="16" height="16">
    <path d="M10 4.5v11M4.5 10h11" />
  </Icon>
);

export const ArrowLeftIcon = () => (
  <Icon width="16" height="16">
    <path d="M15 10H5M9.5 5.5L5 10l4.5 4.5" />
  </Icon>
);

export const LogoMark = () => (
  <svg width="28" height="28" viewBox="0 0 28 28" aria-hidden="true" focusable="false">
    <rect width="28" height="28" rx="7" fill="var(--color-primary)" />
    <path d="M8 17.5l4-4.5 3 3 5-6" stroke="#fff" strokeWidth="2.2" fill="none" strokeLinecap="round" strokeLinejoin="round" />
    <circle cx="20" cy="10" r="1.6" fill="#fff" />
  </svg>
);
