import type { Server } from 'restify';
import { graphScope } from '../../graph/scope';
import type { BotParts } from '../compose';
import type { BotConfig } from '../config';
import type { Logger } from '../logger';
import { mountAdminConsent } from './consent-routes';
import type { ManyTenantDirectory } from './many-tenant-directory';

/** With many tenants (TENANT_SOURCE=graph, GRAPH_TENANT_ID unset or organizations): the admin consent routes. */
export function mountOnboarding(server: Server, parts: BotParts, config: BotConfig, logger: Logger): void {
  const source = config.tenantSource;
  if (source.kind !== 'graph' || !source.many) return;
  const directory = parts.directory as ManyTenantDirectory;
  mountAdminConsent(server, {
    authorityHost: source.graph.authorityHost,
    clientId: source.graph.clientId,
    publicBaseUrl: source.many.publicBaseUrl,
    scope: graphScope(source.graph.baseUrl),
    states: parts.stores.consentStates,
    registry: parts.stores.tenants,
    confirm: (tenantId) => directory.confirm(tenantId),
    recorded: (tenantId) => directory.forget(tenantId),
    logger,
  });
}
