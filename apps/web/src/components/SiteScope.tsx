import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useSite } from '../features/sites/api';
import { siteName, type Site } from '../features/sites/site-meta';
import { Alert } from './Alert';
import { ErrorState } from './ErrorState';
import { ArrowLeftIcon } from './icons';
import { PageHeader } from './PageHeader';
import { useHeadingFocusHandoff } from './useHeadingFocusHandoff';
import { LoadingState } from './Spinner';

/**
 * Loads the site of a /sites/:siteId/... screen and renders the screen only once it is there, with the
 * loading, not-found and error states every such screen needs.
 */
export function SiteScope({ title, children }: { title: string; children: (site: Site) => ReactNode }) {
  const { siteId = '' } = useParams();
  const site = useSite(siteId);
  useHeadingFocusHandoff(site.isSuccess);
  if (site.isPending) {
    return (
      <>
        <PageHeader title={title} eyebrow={<BackLink to="/sites" label="Sites" />} />
        <LoadingState label="Loading the site…" />
      </>
    );
  }
  if (site.isError) {
    const notFound = site.error instanceof ApiError && site.error.status === 404;
    return (
      <>
        <PageHeader title={notFound ? 'Site not found' : title} eyebrow={<BackLink to="/sites" label="Sites" />} />
        {notFound ? (
          <Alert tone="error" title="This site does not exist or you no longer have access to it.">
            <Link to="/sites">Back to your sites</Link>
          </Alert>
        ) : (
          <ErrorState title="Could not load this site" error={site.error} onRetry={() => void site.refetch()} />
        )}
      </>
    );
  }
  return <>{children(site.data)}</>;
}

export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Link to={to} className="back-link">
      <ArrowLeftIcon /> {label}
    </Link>
  );
}

export function siteEyebrow(site: Site) {
  return <BackLink to={`/sites/${site.id}`} label={siteName(site)} />;
}
