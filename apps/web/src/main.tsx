import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ApiClient } from './api/client';
import { BroadcastSessionChannel } from './api/session';
import { AppProviders, AppRoutes } from './app/App';
import { createQueryClient } from './app/query-client';
import './styles/global.css';

// The access token stays in memory; the refresh token is an httpOnly cookie, restored from on load.
const client = new ApiClient({ channel: typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastSessionChannel() });
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
