import type { ReactElement } from 'react';
import { ApiKeysPage } from '../features/api-keys/ApiKeysPage';
import { JobsPage } from '../features/jobs/JobsPage';
import { AddSitePage } from '../features/sites/AddSitePage';
import { SiteDetailPage } from '../features/sites/SiteDetailPage';
import { SitesPage } from '../features/sites/SitesPage';

/**
 * The signed-in screens, one entry per route (relative to /). Adding a screen is adding an entry here
 * (and, if it belongs in the sidebar, a link in navigation.ts).
 */
export const APP_ROUTES: { path: string; element: ReactElement }[] = [
  { path: 'sites', element: <SitesPage /> },
  { path: 'sites/new', element: <AddSitePage /> },
  { path: 'sites/:siteId', element: <SiteDetailPage /> },
  { path: 'jobs', element: <JobsPage /> },
  { path: 'settings/api-keys', element: <ApiKeysPage /> },
];
