import { OnBehalfOfCredential, type TokenCredential } from '@azure/identity';
import type { PartnerConfig } from './config';
import { extraCaOptions } from '../graph/extra-ca';

// The bot's way to the agent's delegated tokens: the bot's OAuth connection signs the agent in to the
// bot's own app (its exposed API, api://PARTNER_CLIENT_ID/…), and the bot, a confidential client
// (PARTNER_CLIENT_SECRET or PARTNER_CLIENT_CERTIFICATE_PATH), exchanges that token on the agent's behalf
// (OAuth 2.0 on-behalf-of, https://learn.microsoft.com/entra/identity-platform/v2-oauth2-on-behalf-of-flow)
// for Partner Center in the partner's tenant and for Microsoft Graph in a customer's tenant (GDAP:
// the authority is the customer's tenant). Entra accepts only an assertion issued for the app asking,
// which is why the connection's token is for the bot's own API. Tokens stay in memory.

export function onBehalfOfAgent(config: Pick<PartnerConfig, 'tenantId' | 'clientId' | 'authorityHost' | 'credential'>, assertion: string, ca?: string): TokenCredential {
  const common = {
    tenantId: config.tenantId,
    clientId: config.clientId,
    authorityHost: config.authorityHost,
    userAssertionToken: assertion,
    disableInstanceDiscovery: true,
    // GDAP: the same agent gets Graph tokens in each customer's tenant.
    additionallyAllowedTenants: ['*'],
    ...extraCaOptions(ca),
  };
  const credential = config.credential;
  if (!credential) throw new Error('on-behalf-of needs PARTNER_CLIENT_SECRET or PARTNER_CLIENT_CERTIFICATE_PATH');
  return credential.kind === 'secret' ? new OnBehalfOfCredential({ ...common, clientSecret: credential.secret }) : new OnBehalfOfCredential({ ...common, certificatePath: credential.certificatePath });
}
