import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { ApiClient } from '../api/client';
import { AppProviders, AppRoutes } from '../app/App';

export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } } });
}

/** Renders the whole app (routes, guards, shell) at `path` with a fake API client. */
export function renderApp(client: ApiClient, path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <AppProviders client={client} queryClient={testQueryClient()}>
        <AppRoutes />
      </AppProviders>
    </MemoryRouter>,
  );
}

/** Renders one element at `path`, with the app's providers around it. */
export function renderWithProviders(client: ApiClient, element: ReactElement, path = '/', routePath = '*') {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <AppProviders client={client} queryClient={testQueryClient()}>
        <Routes>
          <Route path={routePath} element={element} />
          <Route path="/sites" element={<p>Sites list</p>} />
        </Routes>
      </AppProviders>
    </MemoryRouter>,
  );
}
