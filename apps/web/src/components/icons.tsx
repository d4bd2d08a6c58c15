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

export const FlagIcon = () => (
  <Icon>
    <path d="M5 21V4M5 4h11l-2 4 2 4H5" />
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

export const TeamIcon = () => (
  <Icon>
    <circle cx="7.5" cy="7" r="2.75" />
    <path d="M2.75 16c.4-2.6 2.3-4.25 4.75-4.25S11.85 13.4 12.25 16" />
    <circle cx="14" cy="7.75" r="2.25" />
    <path d="M13.5 11.75c2 .1 3.45 1.5 3.75 3.75" />
  </Icon>
);

export const BellIcon = () => (
  <Icon>
    <path d="M5 13.5V9a5 5 0 0110 0v4.5l1.5 1.75h-13L5 13.5z" />
    <path d="M8.25 17.25a1.9 1.9 0 003.5 0" />
  </Icon>
);

export const CardIcon = () => (
  <Icon>
    <rect x="2.75" y="4.5" width="14.5" height="11" rx="2" />
    <path d="M2.75 8.25h14.5M5.5 12.5h3" />
  </Icon>
);

export const ListIcon = () => (
  <Icon>
    <path d="M7.5 5.5h9M7.5 10h9M7.5 14.5h9" />
    <circle cx="4" cy="5.5" r=".9" />
    <circle cx="4" cy="10" r=".9" />
    <circle cx="4" cy="14.5" r=".9" />
  </Icon>
);

export const UserIcon = () => (
  <Icon>
    <circle cx="10" cy="7" r="3.25" />
    <path d="M3.75 16.75c.6-3 3.1-4.75 6.25-4.75s5.65 1.75 6.25 4.75" />
  </Icon>
);

export const WebhookIcon = () => (
  <Icon>
    <path d="M8.5 4.25a3 3 0 00-1.6 5.4L4.5 14" />
    <circle cx="4.25" cy="14.5" r="1.5" />
    <path d="M11 5.25a3 3 0 014 3.4L12.5 9" />
    <circle cx="9.75" cy="4.5" r="1.5" />
    <path d="M15.75 14.5a3 3 0 01-5.25-1H6" />
    <circle cx="15.75" cy="13.5" r="1.5" />
  </Icon>
);
