import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { RadioGroup, TextField } from '../../components/Field';
import { mapServerErrors } from '../../lib/form-errors';
import {
  ADD_SITE_SERVER_FIELDS,
  EMPTY_ADD_SITE,
  toCreateBody,
  validateAddSite,
  type AddSiteField,
  type AddSiteValues,
} from './add-site-validation';
import { useCreateSite } from './api';
import { EXECUTION_MODE_OPTIONS, PLATFORM_OPTIONS, type Site } from './site-meta';

/** Ids of the inputs, for the error summary's links. */
const FIELD_IDS: Record<AddSiteField, string> = {
  siteUrl: 'site-url',
  displayName: 'site-display-name',
  platform: 'site-platform',
  executionMode: 'site-execution-mode',
  wpUsername: 'site-wp-username',
  wpApplicationPassword: 'site-wp-app-password',
  shopDomain: 'site-shop-domain',
  shopAccessToken: 'site-shop-token',
};
const FIELD_ORDER = Object.keys(FIELD_IDS) as AddSiteField[];

export function AddSiteForm({ onCreated, onCancel }: { onCreated: (site: Site) => void; onCancel?: () => void }) {
  const [values, setValues] = useState<AddSiteValues>(EMPTY_ADD_SITE);
  const [errors, setErrors] = useState<Partial<Record<AddSiteField, string>>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const create = useCreateSite();

  const focusSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());
  const set = <K extends AddSiteField>(field: K, value: AddSiteValues[K]) => setValues((current) => ({ ...current, [field]: value }));
  const text = (field: AddSiteField) => ({
    id: FIELD_IDS[field],
    name: field,
    value: values[field],
    error: errors[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(field, event.target.value),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateAddSite(values);
    setErrors(found);
    setFormErrors([]);
    if (Object.keys(found).length > 0) {
      focusSummary();
      return;
    }
    create.mutate(toCreateBody(values), {
      onSuccess: (site) => onCreated(site),
      onError: (error) => {
        const mapped = mapServerErrors(error, ADD_SITE_SERVER_FIELDS);
        // "You already connected example.com." is about the address.
        if (error instanceof ApiError && error.status === 409 && mapped.other.length > 0 && !mapped.fields.siteUrl) {
          mapped.fields.siteUrl = mapped.other.shift();
        }
        setErrors(mapped.fields);
        setFormErrors(mapped.other);
        focusSummary();
      },
    });
  };

  const summary: SummaryItem[] = [
    ...formErrors.map((message) => ({ message })),
    ...FIELD_ORDER.filter((field) => errors[field]).map((field) => ({ message: errors[field] ?? '', fieldId: FIELD_IDS[field] })),
  ];

  return (
    <form className="form form--wide" onSubmit={onSubmit} noValidate aria-label="Add a site">
      <ErrorSummary
        ref={summaryRef}
        title={create.isError && formErrors.length > 0 ? 'The site could not be added' : 'Please fix the following'}
        items={summary}
      />

      <section className="form-section" aria-labelledby="add-site-address">
        <h2 id="add-site-address" className="form-section__title">
          Your site
        </h2>
        <TextField
          {...text('siteUrl')}
          label="Site URL"
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://www.example.com/"
          hint="The home page of the site. A bare domain (example.com) means https://."
          required
        />
        <TextField {...text('displayName')} label="Display name" optional hint="How the site is called in Seology. Defaults to its domain." />
      </section>

      <section className="form-section" aria-labelledby="add-site-platform">
        <h2 id="add-site-platform" className="form-section__title">
          How Seology connects
        </h2>
        <RadioGroup
          id={FIELD_IDS.platform}
          legend="Platform"
          name="platform"
          cards
          value={values.platform}
          options={PLATFORM_OPTIONS}
          onChange={(platform) => set('platform', platform)}
          error={errors.platform}
        />
        {values.platform === 'WORDPRESS' ? (
          <div className="credentials" role="group" aria-labelledby="wp-credentials-title">
            <h3 id="wp-credentials-title" className="credentials__title">
              WordPress credentials
            </h3>
            <p className="credentials__help">
              In WordPress, open <strong>Users → Profile → Application Passwords</strong>, create one named “Seology” and paste it here. It is
              stored encrypted and never shown again.
            </p>
            <div className="grid-2">
              <TextField {...text('wpUsername')} label="Username" autoComplete="off" spellCheck={false} required />
              <TextField
                {...text('wpApplicationPassword')}
                label="Application password"
                type="password"
                autoComplete="new-password"
                spellCheck={false}
                placeholder="abcd efgh ijkl mnop qrst uvwx"
                required
              />
            </div>
          </div>
        ) : values.platform === 'SHOPIFY' ? (
          <div className="credentials" role="group" aria-labelledby="shop-credentials-title">
            <h3 id="shop-credentials-title" className="credentials__title">
              Shopify credentials
            </h3>
            <p className="credentials__help">
              In Shopify admin, create a custom app with the content and product scopes, install it and copy its <strong>Admin API access token</strong>
              . It is stored encrypted and never shown again.
            </p>
            <div className="grid-2">
              <TextField {...text('shopDomain')} label="Shop domain" placeholder="my-store.myshopify.com" autoComplete="off" spellCheck={false} required />
              <TextField {...text('shopAccessToken')} label="Access token" type="password" autoComplete="new-password" placeholder="shpat_…" required />
            </div>
          </div>
        ) : (
          <Alert tone="info" live={false}>
            No credentials needed. After adding the site you get its site key for the Seology snippet, which applies approved fixes on your pages.
          </Alert>
        )}
      </section>

      <section className="form-section" aria-labelledby="add-site-mode">
        <h2 id="add-site-mode" className="form-section__title">
          What happens to fixes
        </h2>
        <RadioGroup
          id={FIELD_IDS.executionMode}
          legend="Execution mode"
          name="executionMode"
          cards
          hint="You can change this at any time in the site’s settings."
          value={values.executionMode}
          options={EXECUTION_MODE_OPTIONS}
          onChange={(mode) => set('executionMode', mode)}
          error={errors.executionMode}
        />
      </section>

      <div className="form-actions">
        <Button type="submit" variant="primary" loading={create.isPending}>
          Add site
        </Button>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel} disabled={create.isPending}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
