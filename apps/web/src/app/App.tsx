import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import type { ApiClient } from '../api/client';
import { AuthProvider } from '../auth/auth-context';
import { PublicOnly, RequireAuth } from '../auth/guards';
import { AnnouncerProvider } from '../components/Announcer';
import { SignInPage } from '../features/auth/SignInPage';
import { SignUpPage } from '../features/auth/SignUpPage';
import { NotFoundPage } from '../features/NotFoundPage';
import { AppShell } from '../layout/AppShell';
import { AuthLayout } from '../layout/AuthLayout';
import { ApiClientProvider } from './api-context';
import { APP_ROUTES } from './routes';

/** Everything but the router, so tests can wrap screens in a MemoryRouter. */
export function AppProviders({ client, queryClient, children }: { client: ApiClient; queryClient: QueryClient; children: ReactNode }) {
  return (
    <ApiClientProvider client={client}>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <AnnouncerProvider>{children}</AnnouncerProvider>
        </AuthProvider>
      </QueryClientProvider>
    </ApiClientProvider>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route
        element={
          <PublicOnly>
            <AuthLayout />
          </PublicOnly>
        }
      >
        <Route path="signin" element={<SignInPage />} />
        <Route path="signup" element={<SignUpPage />} />
      </Route>
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/sites" replace />} />
        {APP_ROUTES.map((route) => (
          <Route key={route.path} path={route.path} element={route.element} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
