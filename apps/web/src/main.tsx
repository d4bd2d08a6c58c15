import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ApiClient } from './api/client';
import { LocalStorageSessionStore } from './api/session';
import { AppProviders, AppRoutes } from './app/App';
import { createQueryClient } from './app/query-client';
import './styles/global.css';

const client = new ApiClient({ store: new LocalStorageSessionStore() });
const queryClient = createQueryClient();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <BrowserRouter>
      <AppProviders client={client} queryClient={queryClient}>
        <AppRoutes />
      </AppProviders>
    </BrowserRouter>
  </StrictMode>,
);
