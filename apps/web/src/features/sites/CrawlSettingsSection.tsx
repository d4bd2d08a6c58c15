import { useEffect, useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client';
import { Alert } from '../../components/Alert';
import { useNotify } from '../../components/Announcer';
import { Button } from '../../components/Button';
import { Checkbox, SelectField, TextField } from '../../components/Field';
import { RelativeTime } from '../../components/Time';
import { HowToUpgrade } from '../billing/upgrade';
import { PLAN_LABELS, PLAN_LIMITS, PLANS } from '../billing/plans';
import { useUpdateSite } from './api';
import { formOf, RENDER_MODES, SCHEDULES, scheduleLabel, toPatch, type CrawlSettingsForm, type RenderMode } from './crawl-settings';
import type { Site } from './site-meta';

function LinesField({ label, hint, value, onChange, error }: { label: string; hint: string; value: string; onChange: (v: string) => void; error?: string }) {
  const id = `lines-${useId()}`;
  return (
    <div className={`field ${error ? 'field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label} <span className="field__optional">(optional)</span>
      </label>
      <p id={`${id}-hint`} className="field__hint">{hint}</p>
      {error ? <p id={`${id}-error`} className="field__error"><span className="visually-hidden">Error:</span> {error}</p> : null}
      <textarea
        id={id}
        className="input"
        rows={3}
        value={value}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** Schedule and crawl options of one site: what the CLI's flags do, for the scheduled and manual crawls. */
export function CrawlSettingsSection({ site }: { site: Site }) {
  const notify = useNotify();
  const update = useUpdateSite(site.id);
  const [form, setForm] = useState<CrawlSettingsForm>(() => formOf(site));
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => setForm(formOf(site)), [site]);
  const set = <K extends keyof CrawlSettingsForm>(key: K, value: CrawlSettingsForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const headerNames = site.crawlSettings.headerNames ?? [];
  // Schedules shorter than the owner's plan allows are shown, but off, with the plan that allows them.
  const ownerPlan = site.ownerPlan;
  const schedules = SCHEDULES.map((s) => {
    if (s.hours === null || s.hours >= site.minCrawlFrequencyHours) return { value: s.value, label: s.label };
    const allowing = PLANS.find((p) => PLAN_LIMITS[p].minCrawlFrequencyHours <= s.hours);
    return { value: s.value, label: `${s.label} (${allowing ? `${PLAN_LABELS[allowing]} plan and up` : 'not available'})`, disabled: true };
  });
  const limited = schedules.some((s) => s.disabled);
  const scheduleOptions = form.schedule === 'custom'
    ? [{ value: 'custom', label: scheduleLabel(site.crawlFrequencyHours) }, ...schedules]
    : schedules;

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    const { patch, errors: found } = toPatch(form, site);
    setErrors(found);
    if (Object.keys(found).length) return;
    update.mutate(patch, { onSuccess: (updated) => notify(`Crawl settings of ${updated.domain} saved.`) });
  };

  return (
    <section className="card" aria-labelledby="crawl-settings-title">
      <h2 id="crawl-settings-title" className="card__title">
        Crawl schedule and settings
      </h2>
      <p className="card__text" data-testid="next-crawl">
        {site.nextCrawlAt ? (
          <>
            {scheduleLabel(site.crawlFrequencyHours)} · next crawl <RelativeTime value={site.nextCrawlAt} />
          </>
        ) : (
          'No schedule: Seology crawls this site only when you start a crawl.'
        )}
      </p>
      <form onSubmit={onSave} className="form form--wide" aria-label="Crawl settings" noValidate>
        <SelectField
          label="Re-crawl schedule"
          value={form.schedule}
          options={scheduleOptions}
          onChange={(e) => set('schedule', e.target.value as CrawlSettingsForm['schedule'])}
          hint="A scheduled crawl finds new problems and confirms that applied fixes are still live."
        />
        {limited ? (
          <p className="upgrade-hint" data-testid="schedule-limit">
            {site.teamId ? 'The site owner’s plan' : 'Your plan'} ({PLAN_LABELS[ownerPlan]}) re-crawls a site at most {scheduleLabel(site.minCrawlFrequencyHours).toLowerCase()}. <HowToUpgrade />
          </p>
        ) : null}
        <div className="form-row">
          <TextField label="Maximum pages" optional inputMode="numeric" value={form.maxPages} error={errors.maxPages} placeholder="500" onChange={(e) => set('maxPages', e.target.value)} />
          <TextField label="Maximum link depth" optional inputMode="numeric" value={form.maxDepth} error={errors.maxDepth} placeholder="10" onChange={(e) => set('maxDepth', e.target.value)} />
          <TextField
            label="Requests per second"
            optional
            inputMode="decimal"
            value={form.requestsPerSecond}
            error={errors.requestsPerSecond}
            placeholder="8"
            hint="Lower it for a fragile server."
            onChange={(e) => set('requestsPerSecond', e.target.value)}
          />
        </div>
        <LinesField label="Only crawl URLs matching" hint="One pattern per line, e.g. /blog/*. Empty crawls the whole site." value={form.include} onChange={(v) => set('include', v)} />
        <LinesField label="Never crawl URLs matching" hint="One pattern per line, e.g. /cart/*" value={form.exclude} onChange={(v) => set('exclude', v)} />
        <TextField
          label="User agent"
          optional
          value={form.userAgent}
          maxLength={200}
          placeholder="Seology's crawler"
          hint="Some firewalls let through only a user agent you allow-list."
          onChange={(e) => set('userAgent', e.target.value)}
        />
        <SelectField
          label="JavaScript rendering"
          value={form.render}
          options={RENDER_MODES.map((mode) => ({ value: mode.value, label: mode.label }))}
          onChange={(e) => set('render', e.target.value as RenderMode)}
          hint={RENDER_MODES.find((mode) => mode.value === form.render)?.explanation}
        />
        <fieldset className="fieldset">
          <legend className="field__label">Headers and cookies for a site behind a login</legend>
          <p className="field__hint">
            {headerNames.length
              ? `Sent with every request: ${headerNames.join(', ')}. Values are stored encrypted and never shown again.`
              : 'None. Add a session cookie or an Authorization header if pages need a login.'}
          </p>
          <Checkbox
            label={headerNames.length ? 'Replace the headers and cookies' : 'Add headers or cookies'}
            checked={form.replaceHeaders}
            onChange={(e) => set('replaceHeaders', e.target.checked)}
          />
          {form.replaceHeaders ? (
            <>
              <TextField label="Cookie" optional autoComplete="off" value={form.cookie} placeholder="session=…" onChange={(e) => set('cookie', e.target.value)} />
              <LinesField
                label="Other headers"
                hint="One per line as Name: value. Leave both empty to remove every header."
                value={form.headers}
                error={errors.headers}
                onChange={(v) => set('headers', v)}
              />
            </>
          ) : null}
        </fieldset>
        {update.isError ? (
          <Alert tone="error" title="Could not save the crawl settings">
            {errorMessage(update.error)}
          </Alert>
        ) : null}
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={update.isPending}>
            Save crawl settings
          </Button>
        </div>
      </form>
    </section>
  );
}
