import type { GetTokenOptions, TokenCredential } from '@azure/identity';
import { GraphRequestError, GraphTenantGateway } from '../graph';
import type { TenantSnapshot } from '../domain/snapshot/schema';

// A customer's tenant read through Microsoft Graph with the agent's own delegated token in that tenant
// (GDAP: the authority is the customer's tenant), giving the same snapshot as a direct tenant, so the
// rules see the customer's users. A role the agent's GDAP relationship lacks is a typed error naming
// the roles that allow the read.

/** The GDAP roles that let an agent read a customer's tenant (users, licences, roles) through Graph. */
export const GDAP_READ_ROLES = ['Directory Readers', 'Global Reader'] as const;

/** The GDAP roles that let an agent move licences between users in a customer's tenant. */
export const GDAP_MOVE_ROLES = ['License Administrator', 'Directory Writers'] as const;

export class GdapRoleMissingError extends Error {
  constructor(
    readonly customerId: string,
    readonly roles: readonly string[],
    readonly path: string,
  ) {
    super(`GDAP roles for customer ${customerId} do not allow ${path}: needs ${roles.join(' or ')}`);
    this.name = 'GdapRoleMissingError';
  }
}

/** The agent's credential, asking every token in the customer's tenant. */
export function inCustomerTenant(agent: TokenCredential, customerId: string): TokenCredential {
  return { getToken: (scopes: string | string[], options?: GetTokenOptions) => agent.getToken(scopes, { ...options, tenantId: customerId }) };
}

export interface CustomerTenantOptions {
  graphBaseUrl: string;
  authorityHost: string;
  clientId: string;
  ca?: string;
}

export async function readCustomerTenant(agent: TokenCredential, customerId: string, options: CustomerTenantOptions): Promise<TenantSnapshot> {
  const gateway = new GraphTenantGateway({
    // The credential below replaces the client-credential sign-in this configuration would otherwise build.
    config: { tenantId: customerId, clientId: options.clientId, credentials: { kind: 'secret', secret: 'unused: delegated token' }, baseUrl: options.graphBaseUrl, authorityHost: options.authorityHost },
    credential: inCustomerTenant(agent, customerId),
    // A CSP customer's billing is the partner's: Microsoft Customer Agreement.
    settings: { billingAccountType: 'MCA' },
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  });
  try {
    return await gateway.readSnapshot();
  } catch (error) {
    if (error instanceof GraphRequestError && error.status === 403) throw new GdapRoleMissingError(customerId, GDAP_READ_ROLES, error.path);
    throw error;
  } finally {
    gateway.close();
  }
}
