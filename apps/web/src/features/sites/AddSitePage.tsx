import { Link, useNavigate } from 'react-router-dom';
import { useNotify } from '../../components/Announcer';
import { ArrowLeftIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { AddSiteForm } from './AddSiteForm';
import { siteName } from './site-meta';

export function AddSitePage() {
  const navigate = useNavigate();
  const notify = useNotify();
  return (
    <>
      <PageHeader
        eyebrow={
          <Link to="/sites" className="back-link">
            <ArrowLeftIcon /> Sites
          </Link>
        }
        title="Add a site"
        description="Tell Seology where your site is and how it may change it."
      />
      <AddSiteForm
        onCreated={(site) => {
          notify(`${siteName(site)} was added.`);
          void navigate('/sites', { state: { added: site.id } });
        }}
        onCancel={() => void navigate('/sites')}
      />
    </>
  );
}
