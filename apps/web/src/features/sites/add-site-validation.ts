import type { Body } from '../../api/client';
import type { ExecutionMode, Platform } from './site-meta';

export interface AddSiteValues {
  siteUrl: string;
  displayName: string;
  platform: Platform;
  executionMode: ExecutionMode;
  wpUsername: string;
  wpApplicationPassword: string;
  shopDomain: string;
  shopAccessToken: string;
}

export type AddSiteField = keyof AddSiteValues;

export const EMPTY_ADD_SITE: AddSiteValues = {
  siteUrl: '',
  displayName: '',
  platform: 'WORDPRESS',
  executionMode: 'APPROVE',
  wpUsername: '',
  wpApplicationPassword: '',
  shopDomain: '',
  shopAccessToken: '',
};

/** The API's property paths, mapped to this form's fields and their on-screen names. */
export const ADD_SITE_SERVER_FIELDS = {
  siteUrl: { field: 'siteUrl', label: 'Site URL' },
  displayName: { field: 'displayName', label: 'Display name' },
  platform: { field: 'platform', label: 'Platform' },
  executionMode: { field: 'executionMode', label: 'Execution mode' },
  'wordpress.username': { field: 'wpUsername', label: 'Username' },
  'wordpress.applicationPassword': { field: 'wpApplicationPassword', label: 'Application password' },
  'shopify.shopDomain': { field: 'shopDomain', label: 'Shop domain' },
  'shopify.accessToken': { field: 'shopAccessToken', label: 'Access token' },
} as const;

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function validateSiteUrl(raw: string): string | undefined {
  const value = raw.trim();
  if (!value) return 'Enter the address of your site, like https://www.example.com/.';
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  if (hasScheme && !/^https?:\/\//i.test(value)) return 'The address must start with http:// or https://.';
  try {
    const url = new URL(hasScheme ? value : `https://${value}`);
    if (!url.hostname || /\s/.test(value)) throw new Error('no host');
  } catch {
    return 'Enter a valid address, like https://www.example.com/.';
  }
  return undefined;
}

/** Checks the form before it is sent; the server validates again and its messages are shown too. */
export function validateAddSite(values: AddSiteValues): Partial<Record<AddSiteField, string>> {
  const errors: Partial<Record<AddSiteField, string>> = {};
  const siteUrl = validateSiteUrl(values.siteUrl);
  if (siteUrl) errors.siteUrl = siteUrl;
  if (values.displayName.length > 100) errors.displayName = 'Use at most 100 characters.';
  if (values.platform === 'WORDPRESS') {
    if (!values.wpUsername.trim()) errors.wpUsername = 'Enter the WordPress username the application password belongs to.';
    if (!values.wpApplicationPassword.trim()) errors.wpApplicationPassword = 'Paste the application password WordPress generated.';
    else if (values.wpApplicationPassword.trim().length < 16) errors.wpApplicationPassword = 'This looks too short for a WordPress application password.';
  }
  if (values.platform === 'SHOPIFY') {
    const domain = values.shopDomain.trim().toLowerCase();
    if (!domain) errors.shopDomain = 'Enter the store’s myshopify.com domain.';
    else if (!SHOP_DOMAIN.test(domain)) errors.shopDomain = 'Enter the store’s myshopify.com domain, like my-store.myshopify.com.';
    if (!values.shopAccessToken.trim()) errors.shopAccessToken = 'Paste the Admin API access token of your custom app.';
    else if (values.shopAccessToken.trim().length < 20) errors.shopAccessToken = 'This looks too short for an Admin API access token.';
  }
  return errors;
}

export const DEFAULT_CRAWL_FREQUENCY_HOURS = 168;

export function toCreateBody(values: AddSiteValues): Body<'post', '/api/connections'> {
  const body: Body<'post', '/api/connections'> = {
    siteUrl: values.siteUrl.trim(),
    platform: values.platform,
    executionMode: values.executionMode,
    // Weekly re-crawls by default, so a new site is watched without a visit to its settings.
    crawlFrequencyHours: DEFAULT_CRAWL_FREQUENCY_HOURS,
  };
  if (values.displayName.trim()) body.displayName = values.displayName.trim();
  if (values.platform === 'WORDPRESS') body.wordpress = { username: values.wpUsername.trim(), applicationPassword: values.wpApplicationPassword.trim() };
  if (values.platform === 'SHOPIFY') body.shopify = { shopDomain: values.shopDomain.trim().toLowerCase(), accessToken: values.shopAccessToken.trim() };
  return body;
}
