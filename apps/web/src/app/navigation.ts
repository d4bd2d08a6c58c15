import type { ComponentType } from 'react';
import { ChatIcon } from '../features/assistant/ChatIcon';
import { BellIcon, CardIcon, FlagIcon, GlobeIcon, JobsIcon, KeyIcon, ListIcon, TeamIcon, UserIcon, WebhookIcon } from '../components/icons';

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
      { to: '/assistant', label: 'AI assistant', icon: ChatIcon },
      { to: '/onboarding', label: 'Get started', icon: FlagIcon },
      { to: '/teams', label: 'Teams', icon: TeamIcon },
      { to: '/notifications', label: 'Notifications', icon: BellIcon },
      { to: '/audit-log', label: 'Audit log', icon: ListIcon },
    ],
  },
  {
    label: 'Settings',
    items: [
      { to: '/settings/profile', label: 'Profile', icon: UserIcon },
      { to: '/billing', label: 'Billing', icon: CardIcon },
      { to: '/settings/api-keys', label: 'API keys', icon: KeyIcon },
      { to: '/settings/webhooks', label: 'Webhooks', icon: WebhookIcon },
    ],
  },
];
