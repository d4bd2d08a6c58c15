import { NavLink } from 'react-router-dom';

/** The sections of one site (overview, issues, crawls, fixes), shown under each of their page headings. */
export function SiteTabs({ siteId }: { siteId: string }) {
  const tabs = [
    { to: `/sites/${siteId}`, label: 'Overview', end: true },
    { to: `/sites/${siteId}/issues`, label: 'Issues', end: false },
    { to: `/sites/${siteId}/pages`, label: 'Pages', end: false },
    { to: `/sites/${siteId}/crawls`, label: 'Crawls', end: false },
    { to: `/sites/${siteId}/fixes`, label: 'Fixes', end: false },
    { to: `/sites/${siteId}/reports`, label: 'Reports', end: false },
  ];
  return (
    <nav className="site-tabs" aria-label="Site sections">
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={tab.to} end={tab.end} className={({ isActive }) => `site-tabs__link${isActive ? ' site-tabs__link--active' : ''}`}>
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
