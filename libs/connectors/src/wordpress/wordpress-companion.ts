import { ConnectorError } from '../errors';
import type { SeoField } from '../types';
import type { WordPressApi } from './wordpress-api';

/** The REST namespace of the Seology plugin for WordPress (integrations/wordpress/seology). */
export const COMPANION_NAMESPACE = 'seology/v1';

/** What the plugin calls each field it manages. */
export const COMPANION_FIELD = {
  title: 'title',
  metaDescription: 'description',
  canonical: 'canonical',
  robots: 'robots',
  ogTitle: 'og_title',
  ogDescription: 'og_description',
  jsonLd: 'json_ld',
} as const satisfies Partial<Record<SeoField, string>>;

export type CompanionSeoField = keyof typeof COMPANION_FIELD;
export type CompanionFieldName = (typeof COMPANION_FIELD)[CompanionSeoField];
export const COMPANION_SEO_FIELDS = Object.keys(COMPANION_FIELD) as CompanionSeoField[];

/** The plugin's kinds of object: any post type, any term, and the home page when it lists posts. */
export type CompanionKind = 'post' | 'term' | 'home';
export type CompanionSeoPlugin = 'none' | 'yoast' | 'rankmath';

export interface CompanionStatus {
  version: string;
  seo_plugin: CompanionSeoPlugin;
  /** Where redirects go; null when the connected user may not manage them. */
  redirects: 'seology' | 'redirection' | null;
  front_page: { lists_posts: boolean; page_id: number; url: string };
  /** Plugin field names writable by the connected user, per kind of URL. */
  fields: Record<'post' | 'page' | 'term' | 'home', CompanionFieldName[]>;
  /** Since 1.1.0: the media-alt route is there (and the user may upload files); absent on 1.0.0. */
  media_alt?: boolean;
}

export interface CompanionFieldValue {
  value: string | null;
  /** Exactly what is in the database, to put back with `restore`. */
  stored: string | null;
}

export interface CompanionFields {
  kind: CompanionKind;
  id: number;
  url: string;
  seo_plugin: CompanionSeoPlugin;
  fields: Partial<Record<CompanionFieldName, CompanionFieldValue>>;
}

export interface CompanionRedirect {
  id: number;
  source: string;
  target: string;
  status_code: number;
}

export function isCompanionField(field: SeoField): field is CompanionSeoField {
  return Object.prototype.hasOwnProperty.call(COMPANION_FIELD, field);
}

/** Seology field names the plugin reports as writable. */
export function seoFieldsOf(names: readonly string[] | undefined): CompanionSeoField[] {
  return COMPANION_SEO_FIELDS.filter((f) => (names ?? []).includes(COMPANION_FIELD[f]));
}

/** The plugin's REST routes, with the subject and action WordPress errors are reported against. */
export class CompanionClient {
  constructor(private readonly api: WordPressApi) {}

  /** The plugin's status; null when the plugin is not there or the user may not read it. */
  async status(): Promise<CompanionStatus | null> {
    try {
      const res = await this.api.call<CompanionStatus>('GET', `${COMPANION_NAMESPACE}/status`, {
        subject: 'Seology plugin status',
        action: 'read the Seology plugin status',
      });
      return res.data && typeof res.data.version === 'string' ? res.data : null;
    } catch (e) {
      if (e instanceof ConnectorError && (e.code === 'permission' || e.code === 'not-found')) return null;
      throw e;
    }
  }

  async read(kind: CompanionKind, id: string): Promise<CompanionFields> {
    return (await this.api.call<CompanionFields>('GET', this.route(kind, id), this.about(kind, id))).data;
  }

  /** Writes a value as a person means it; null removes the field. Answers the stored form after. */
  async write(kind: CompanionKind, id: string, field: CompanionSeoField, value: string | null): Promise<string | null> {
    return this.post(kind, id, field, { fields: { [COMPANION_FIELD[field]]: value } });
  }

  /** Puts back a stored form read earlier (null deletes it). Answers the stored form after. */
  async restore(kind: CompanionKind, id: string, field: CompanionSeoField, stored: string | null): Promise<string | null> {
    return this.post(kind, id, field, { restore: { [COMPANION_FIELD[field]]: stored } });
  }

  /** An image's alt text as stored: null when it has no `_wp_attachment_image_alt` row. */
  async readMediaAlt(id: string): Promise<string | null> {
    const res = await this.api.call<{ alt: string | null }>('GET', `${COMPANION_NAMESPACE}/media-alt/${id}`, { subject: `media ${id}`, action: `edit media ${id}` });
    return res.data.alt;
  }

  /** Writes an image's alt text; null deletes the row (core's REST API can only write ""). Answers the stored form after. */
  async writeMediaAlt(id: string, alt: string | null): Promise<string | null> {
    const res = await this.api.call<{ alt: string | null }>('POST', `${COMPANION_NAMESPACE}/media-alt/${id}`, { body: { alt }, subject: `media ${id}`, action: `edit media ${id}` });
    return res.data.alt;
  }

  async findRedirect(source: string): Promise<CompanionRedirect | null> {
    const res = await this.api.call<CompanionRedirect[]>('GET', `${COMPANION_NAMESPACE}/redirects`, {
      query: { source },
      subject: 'redirect list',
      action: 'manage redirects',
    });
    return (Array.isArray(res.data) ? res.data : []).find((r) => r.source === source) ?? null;
  }

  async saveRedirect(source: string, target: string): Promise<void> {
    await this.api.call('POST', `${COMPANION_NAMESPACE}/redirects`, {
      body: { source, target, status_code: 301 },
      subject: `redirect for ${source}`,
      action: 'manage redirects',
    });
  }

  async deleteRedirect(id: number): Promise<void> {
    await this.api.call('DELETE', `${COMPANION_NAMESPACE}/redirects/${id}`, { subject: `redirect ${id}`, action: 'manage redirects' });
  }

  private async post(kind: CompanionKind, id: string, field: CompanionSeoField, body: unknown): Promise<string | null> {
    const res = await this.api.call<CompanionFields>('POST', this.route(kind, id), { body, ...this.about(kind, id) });
    return res.data.fields[COMPANION_FIELD[field]]?.stored ?? null;
  }

  private route(kind: CompanionKind, id: string): string {
    return `${COMPANION_NAMESPACE}/fields/${kind}/${kind === 'home' ? '0' : id}`;
  }

  private about(kind: CompanionKind, id: string): { subject: string; action: string } {
    const what = kind === 'home' ? 'the front page' : `${kind} ${id}`;
    return { subject: what, action: `change the SEO fields of ${what}` };
  }
}
