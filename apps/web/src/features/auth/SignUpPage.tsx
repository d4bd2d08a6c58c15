import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth-context';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { mapServerErrors } from '../../lib/form-errors';
import { MIN_PASSWORD_LENGTH, validateEmail, validateNewPassword } from './validation';

type Field = 'name' | 'email' | 'password';
const FIELD_IDS: Record<Field, string> = { name: 'signup-name', email: 'signup-email', password: 'signup-password' };
const SERVER_FIELDS = {
  name: { field: 'name', label: 'Name' },
  email: { field: 'email', label: 'Email' },
  password: { field: 'password', label: 'Password' },
} as const;

export function SignUpPage() {
  const { signUp } = useAuth();
  const [values, setValues] = useState({ name: '', email: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const mutation = useMutation({
    mutationFn: signUp,
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'EMAIL_TAKEN') {
        setErrors({ email: error.message });
        setFormErrors([]);
      } else {
        const mapped = mapServerErrors(error, SERVER_FIELDS);
        setErrors(mapped.fields);
        setFormErrors(mapped.other);
      }
      requestAnimationFrame(() => summaryRef.current?.focus());
    },
  });

  const set = (field: Field) => (event: ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [field]: event.target.value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {
      email: validateEmail(values.email),
      password: validateNewPassword(values.password),
    };
    if (values.name.length > 100) next.name = 'Use at most 100 characters.';
    const invalid = (Object.keys(next) as Field[]).filter((key) => next[key]);
    setErrors(next);
    setFormErrors([]);
    if (invalid.length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    mutation.mutate({ email: values.email.trim(), password: values.password, ...(values.name.trim() ? { name: values.name.trim() } : {}) });
  };

  const summary: SummaryItem[] = [
    ...formErrors.map((message) => ({ message })),
    ...(Object.keys(FIELD_IDS) as Field[]).filter((f) => errors[f]).map((f) => ({ message: errors[f] ?? '', fieldId: FIELD_IDS[f] })),
  ];
  return (
    <>
      <PageHeader title="Create your account" description="Connect a site and get its first SEO audit in minutes." />
      <ErrorSummary ref={summaryRef} title="Please fix the following" items={summary} />
      <form className="form" onSubmit={onSubmit} noValidate aria-label="Create your account">
        <TextField id={FIELD_IDS.name} label="Name" optional name="name" autoComplete="name" value={values.name} onChange={set('name')} error={errors.name} />
        <TextField
          id={FIELD_IDS.email}
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          value={values.email}
          onChange={set('email')}
          error={errors.email}
          required
        />
        <TextField
          id={FIELD_IDS.password}
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one.`}
          value={values.password}
          onChange={set('password')}
          error={errors.password}
          minLength={MIN_PASSWORD_LENGTH}
          required
        />
        <Button type="submit" variant="primary" className="btn--block" loading={mutation.isPending}>
          Create account
        </Button>
      </form>
      {mutation.isError && mutation.error instanceof ApiError && mutation.error.code === 'EMAIL_TAKEN' ? (
        <Alert tone="info" live={false}>
          Already have an account? <Link to="/signin">Sign in instead</Link>.
        </Alert>
      ) : null}
      <p className="auth-switch">
        Already have an account? <Link to="/signin">Sign in</Link>
      </p>
    </>
  );
}
