import { Injectable } from '@nestjs/common';
import type { Connection, Fix } from '@prisma/client';
import { ShopifyConnector, SnippetConnector, WordPressConnector, type PlatformConnector, type SnippetFixStore, type VerifyResult, type ConnectorCapabilities } from '@seology/connectors';
import { AppConfig } from '../config/app-config';
import { ConnectionsService } from '../connections/connections.service';
import { FixesRepository } from './fixes.repository';
import { fixSnippetStore } from './fix-snippet-store';

const SHOPIFY_API_VERSION = '2025-01';

/** Checking that the snippet is installed reads the page only; it never touches fix records. */
const NO_FIX_STORE: SnippetFixStore = {
  listActive: () => Promise.reject(new Error('not used when verifying')),
  activate: () => Promise.reject(new Error('not used when verifying')),
  deactivate: () => Promise.reject(new Error('not used when verifying')),
};

/** Builds the connector of a site from its stored credentials; null for snippet (CUSTOM) sites. */
@Injectable()
export class PlatformConnectors {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly config: AppConfig,
    private readonly fixes: FixesRepository,
  ) {}

  /**
   * The connector a fix is applied and reverted through: the site's CMS, or for a snippet site the
   * snippet connector over the site's fix records (see fixSnippetStore).
   */
  forFix(connection: Connection, fix: Fix): PlatformConnector {
    return this.for(connection) ?? this.snippet(connection, fixSnippetStore(fix, () => this.fixes.findActiveSnippetFixes(connection.id)));
  }


  for(connection: Connection): PlatformConnector | null {
    const credentials = this.connections.decryptCredentials(connection);
    const ssrfPolicy = { allowHosts: this.config.ssrfAllowHosts };
    if (!credentials) return null;
    switch (credentials.platform) {
      case 'WORDPRESS':
        return new WordPressConnector({
          siteUrl: connection.siteUrl.replace(/\/$/, ''),
          username: credentials.username,
          applicationPassword: credentials.applicationPassword,
          ssrfPolicy,
          // Discovered once (plain permalinks put it at ?rest_route=/) and found again if it moves.
          ...(connection.wordpressApiRoot ? { apiRoot: connection.wordpressApiRoot } : {}),
          onApiRoot: (root) => this.connections.rememberWordPressApiRoot(connection.id, root),
        });
      case 'SHOPIFY':
        return new ShopifyConnector({
          shop: credentials.shopDomain,
          accessToken: credentials.accessToken,
          apiVersion: SHOPIFY_API_VERSION,
          ssrfPolicy,
          ...(this.config.SHOPIFY_API_BASE ? { endpoint: `${this.config.SHOPIFY_API_BASE.replace(/\/$/, '')}/admin/api/${SHOPIFY_API_VERSION}/graphql.json` } : {}),
        });
    }
  }

  /**
   * Checks that Seology can work with the site as connected: the CMS accepts the stored credentials, or
   * the snippet's script tag is on the home page of a snippet site; and what can be changed there.
   * Never changes anything.
   */
  async verify(connection: Connection): Promise<{ result: VerifyResult; capabilities: ConnectorCapabilities | null }> {
    const connector = this.for(connection) ?? this.snippet(connection, NO_FIX_STORE);
    const result = await connector.verify();
    // What can be changed is only known once the site answers with the credentials accepted.
    return { result, capabilities: result.ok ? await connector.capabilities() : null };
  }

  private snippet(connection: Connection, store: SnippetFixStore): SnippetConnector {
    return new SnippetConnector({ siteKey: connection.snippetKey, siteUrl: connection.siteUrl, store, ssrfPolicy: { allowHosts: this.config.ssrfAllowHosts } });
  }
}
