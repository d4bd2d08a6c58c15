import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { useAuth } from '../../auth/auth-context';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { validateEmail } from './validation';

export function SignInPage() {
  const { signIn, endedMessage, clearEndedMessage } = useAuth();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const mutation = useMutation({ mutationFn: signIn });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = {
      email: validateEmail(email),
      password: password ? undefined : 'Enter your password.',
    };
    setErrors(next);
    if (next.email || next.password) {
      document.getElementById(next.email ? 'signin-email' : 'signin-password')?.focus();
      return;
    }
    clearEndedMessage();
    mutation.mutate({ email: email.trim(), password });
  };

  const from = (location.state as { from?: string } | null)?.from;
  return (
    <>
      <PageHeader title="Sign in" description="Welcome back. Sign in to manage your sites." />
      {endedMessage ? (
        <Alert tone="warning" live={false}>
          {endedMessage}
        </Alert>
      ) : null}
      {mutation.isError ? (
        <Alert tone="error" title="Could not sign in">
          {errorMessage(mutation.error)}
        </Alert>
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate aria-label="Sign in">
        <TextField
          id="signin-email"
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
          required
        />
        <TextField
          id="signin-password"
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
          required
        />
        <Button type="submit" variant="primary" className="btn--block" loading={mutation.isPending}>
          Sign in
        </Button>
      </form>
      <p className="auth-switch">
        New to Seology?{' '}
        <Link to="/signup" state={from ? { from: from } : undefined}>
          Create an account
        </Link>
      </p>
    </>
  );
}
