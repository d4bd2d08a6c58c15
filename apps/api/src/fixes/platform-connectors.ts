import { Injectable } from '@nestjs/common';
import type { Connection } from '@prisma/client';
import { ShopifyConnector, WordPressConnector, type PlatformConnector } from '@seology/connectors';
import { AppConfig } from '../config/app-config';
import { ConnectionsService } from '../connections/connections.service';

/** Builds the connector of a site from its stored credentials; null for snippet (CUSTOM) sites. */
@Injectable()
export class PlatformConnectors {
  constructor(private readonly connections: ConnectionsService, private readonly config: AppConfig) {}

  for(connection: Connection): PlatformConnector | null {
    const credentials = this.connections.decryptCredentials(connection);
    const ssrfPolicy = { allowHosts: this.config.ssrfAllowHosts };
    if (!credentials) return null;
    switch (credentials.platform) {
      case 'WORDPRESS':
        return new WordPressConnector({ siteUrl: connection.siteUrl.replace(/\/$/, ''), username: credentials.username, applicationPassword: credentials.applicationPassword, ssrfPolicy });
      case 'SHOPIFY':
        return new ShopifyConnector({ shop: credentials.shopDomain, accessToken: credentials.accessToken, ssrfPolicy });
    }
  }
}
