import type { ComponentType } from 'react';
import { GlobeIcon, JobsIcon, KeyIcon } from '../components/icons';

export interface NavLinkItem {
  to: string;
  label: string;
  icon: ComponentType;
}

export interface NavSection {
  /** Heading of a group of links (e.g. Settings); omitted for the top-level group. */
  label?: string;
  items: NavLinkItem[];
}

/** The sidebar. A new screen gets a route in routes.tsx and, when it belongs in the sidebar, an entry here. */
export const NAVIGATION: NavSection[] = [
  {
    items: [
      { to: '/sites', label: 'Sites', icon: GlobeIcon },
      { to: '/jobs', label: 'Jobs', icon: JobsIcon },
    ],
  },
  {
    label: 'Settings',
    items: [{ to: '/settings/api-keys', label: 'API keys', icon: KeyIcon }],
  },
];
