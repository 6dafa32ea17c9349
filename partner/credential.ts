import { DeviceCodeCredential, type DeviceCodeInfo, type TokenCredential } from '@azure/identity';
import { extraCaOptions } from '../graph/extra-ca';
import type { PartnerConfig } from './config';

// The helpdesk agent's sign-in on the command line: App+User through the device-code flow of
// @azure/identity, at GRAPH_AUTHORITY_HOST, in the partner's tenant. The token lives in memory only
// (no persistent cache), so nothing of it is ever written to disk or to a log.

export interface DeviceCodeOptions {
  /** Shows the person where to sign in and the code to enter (never a token). */
  prompt: (info: { verificationUri: string; userCode: string }) => void;
  /** Extra CA certificates (PEM) for the token endpoint: a local test server's. */
  ca?: string;
}

export function agentCredential(config: PartnerConfig, options: DeviceCodeOptions): TokenCredential {
  return new DeviceCodeCredential({
    tenantId: config.tenantId,
    clientId: config.clientId,
    authorityHost: config.authorityHost,
    disableInstanceDiscovery: true,
    // GDAP: the same sign-in gets Graph tokens in each customer's tenant (authority = the customer's tenant).
    additionallyAllowedTenants: ['*'],
    userPromptCallback: (info: DeviceCodeInfo) => options.prompt({ verificationUri: info.verificationUri, userCode: info.userCode }),
    ...extraCaOptions(options.ca),
  });
}
