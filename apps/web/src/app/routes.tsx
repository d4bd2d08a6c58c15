import type { ReactElement } from 'react';
import { ApiKeysPage } from '../features/api-keys/ApiKeysPage';
import { AssistantPage } from '../features/assistant/AssistantPage';
import { JobsPage } from '../features/jobs/JobsPage';
import { CrawlsPage } from '../features/crawls/CrawlsPage';
import { FixesPage } from '../features/fixes/FixesPage';
import { IssueDetailPage } from '../features/issues/IssueDetailPage';
import { IssuesPage } from '../features/issues/IssuesPage';
import { OnboardingPage } from '../features/onboarding/OnboardingPage';
import { PagesExplorerPage } from '../features/pages/PagesExplorerPage';
import { PageViewPage } from '../features/pages/PageViewPage';
import { PlanPage } from '../features/plans/PlanPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { AddSitePage } from '../features/sites/AddSitePage';
import { SiteDetailPage } from '../features/sites/SiteDetailPage';
import { SitesPage } from '../features/sites/SitesPage';
import { AuditLogPage } from '../features/audit-log/AuditLogPage';
import { BillingPage } from '../features/billing/BillingPage';
import { NotificationsPage } from '../features/notifications/NotificationsPage';
import { ProfilePage } from '../features/settings/ProfilePage';
import { WebhooksPage } from '../features/settings/WebhooksPage';
import { AcceptInvitationPage } from '../features/teams/AcceptInvitationPage';
import { TeamDetailPage } from '../features/teams/TeamDetailPage';
import { TeamsPage } from '../features/teams/TeamsPage';

/**
 * The signed-in screens, one entry per route (relative to /). Adding a screen is adding an entry here
 * (and, if it belongs in the sidebar, a link in navigation.ts).
 */
export const APP_ROUTES: { path: string; element: ReactElement }[] = [
  { path: 'sites', element: <SitesPage /> },
  { path: 'sites/new', element: <AddSitePage /> },
  { path: 'sites/:siteId', element: <SiteDetailPage /> },
  { path: 'sites/:siteId/issues', element: <IssuesPage /> },
  { path: 'sites/:siteId/issues/:issueId', element: <IssueDetailPage /> },
  { path: 'sites/:siteId/pages', element: <PagesExplorerPage /> },
  { path: 'sites/:siteId/page', element: <PageViewPage /> },
  { path: 'sites/:siteId/crawls', element: <CrawlsPage /> },
  { path: 'sites/:siteId/fixes', element: <FixesPage /> },
  { path: 'sites/:siteId/reports', element: <ReportsPage /> },
  { path: 'assistant/:siteId?', element: <AssistantPage /> },
  { path: 'sites/:siteId/plans/:planId', element: <PlanPage /> },
  { path: 'onboarding', element: <OnboardingPage /> },
  { path: 'jobs', element: <JobsPage /> },
  { path: 'settings/api-keys', element: <ApiKeysPage /> },
  { path: 'teams', element: <TeamsPage /> },
  { path: 'teams/:teamId', element: <TeamDetailPage /> },
  { path: 'invitations/accept', element: <AcceptInvitationPage /> },
  { path: 'billing', element: <BillingPage /> },
  { path: 'audit-log', element: <AuditLogPage /> },
  { path: 'notifications', element: <NotificationsPage /> },
  { path: 'settings/profile', element: <ProfilePage /> },
  { path: 'settings/webhooks', element: <WebhooksPage /> },
];
