import type { Schemas } from '../../api/client';

type Site = Schemas['ConnectionDto'];
export type CrawlSettingsPatch = Pick<Schemas['UpdateConnectionDto'], 'crawlFrequencyHours' | 'crawlSettings'>;

/** The schedules the dashboard offers; the API stores them as a frequency in hours. */
export const SCHEDULES = [
  { value: 'off', label: 'Off (only when you start a crawl)', hours: null },
  { value: 'daily', label: 'Daily', hours: 24 },
  { value: 'weekly', label: 'Weekly', hours: 168 },
  { value: 'monthly', label: 'Monthly (every 30 days)', hours: 720 },
] as const;

export type RenderMode = NonNullable<Schemas['CrawlSettingsDto']['render']>;

/** JavaScript rendering choices, each with the one line that says what it does. */
export const RENDER_MODES: readonly { value: RenderMode; label: string; explanation: string }[] = [
  { value: 'off', label: 'Off', explanation: 'Audits the HTML the server sends, as crawlers without JavaScript see it (fastest).' },
  { value: 'on', label: 'On', explanation: 'Renders every page in a browser, as Google does, and reports what only JavaScript adds or changes.' },
  {
    value: 'auto',
    label: 'Automatic',
    explanation: 'Renders a few sample pages first and switches rendering on when JavaScript changes their links, content or tags.',
  },
];

export type ScheduleValue = (typeof SCHEDULES)[number]['value'] | 'custom';

export function scheduleOf(hours: number | null | undefined): ScheduleValue {
  return SCHEDULES.find((s) => s.hours === (hours ?? null))?.value ?? 'custom';
}

export function scheduleLabel(hours: number | null | undefined): string {
  const schedule = SCHEDULES.find((s) => s.hours === (hours ?? null));
  return schedule ? schedule.label : `Every ${hours} hours`;
}

export interface CrawlSettingsForm {
  schedule: ScheduleValue;
  maxPages: string;
  maxDepth: string;
  include: string;
  exclude: string;
  requestsPerSecond: string;
  userAgent: string;
  render: RenderMode;
  /** Only when true are the stored headers replaced by `cookie` and `headers`. */
  replaceHeaders: boolean;
  cookie: string;
  headers: string;
}

export function formOf(site: Site): CrawlSettingsForm {
  const s = site.crawlSettings;
  return {
    schedule: scheduleOf(site.crawlFrequencyHours),
    maxPages: s.maxPages?.toString() ?? '',
    maxDepth: s.maxDepth?.toString() ?? '',
    include: (s.include ?? []).join('\n'),
    exclude: (s.exclude ?? []).join('\n'),
    requestsPerSecond: s.requestsPerSecond?.toString() ?? '',
    userAgent: s.userAgent ?? '',
    render: s.render ?? 'off',
    replaceHeaders: false,
    cookie: '',
    headers: '',
  };
}

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

function numberIn(value: string, label: string, min: number, max: number, integer: boolean, errors: Record<string, string>, key: string): number | undefined {
  if (!value.trim()) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    errors[key] = `${label} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}.`;
    return undefined;
  }
  return n;
}

/** Turns the form into the PATCH body, or field errors a person can act on. */
export function toPatch(form: CrawlSettingsForm, site: Site): { patch: CrawlSettingsPatch; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const settings: NonNullable<CrawlSettingsPatch['crawlSettings']> = {
    include: lines(form.include),
    exclude: lines(form.exclude),
    userAgent: form.userAgent.trim(),
  };
  const maxPages = numberIn(form.maxPages, 'Maximum pages', 1, 100_000, true, errors, 'maxPages');
  if (maxPages !== undefined) settings.maxPages = maxPages;
  const maxDepth = numberIn(form.maxDepth, 'Maximum link depth', 0, 50, true, errors, 'maxDepth');
  if (maxDepth !== undefined) settings.maxDepth = maxDepth;
  const rate = numberIn(form.requestsPerSecond, 'Requests per second', 0.2, 20, false, errors, 'requestsPerSecond');
  if (rate !== undefined) settings.requestsPerSecond = rate;
  // Sent only when changed, like the schedule.
  if (form.render !== (site.crawlSettings.render ?? 'off')) settings.render = form.render;
  if (form.replaceHeaders) {
    const headers: Record<string, string> = {};
    for (const line of lines(form.headers)) {
      const colon = line.indexOf(':');
      if (colon <= 0) {
        errors.headers = `“${line.slice(0, 40)}” is not a header: write one per line as Name: value.`;
        break;
      }
      headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    if (form.cookie.trim()) headers.Cookie = form.cookie.trim();
    settings.headers = headers;
  }
  const schedule = SCHEDULES.find((s) => s.value === form.schedule);
  const patch: CrawlSettingsPatch = { crawlSettings: settings };
  // A custom frequency set through the API stays as it is until another schedule is chosen.
  if (schedule && schedule.hours !== (site.crawlFrequencyHours ?? null)) patch.crawlFrequencyHours = schedule.hours;
  return { patch, errors };
}
