import { Link } from 'react-router-dom';
import { PageHeader } from '../components/PageHeader';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" description="There is nothing at this address. It may have moved, or the link is wrong." />
      <p>
        <Link to="/sites" className="btn btn--primary">
          Go to your sites
        </Link>
      </p>
    </>
  );
}
