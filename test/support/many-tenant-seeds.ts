import { syntheticGraphTenant, type ServerTenantSeed } from './graph-server';

// Tenants for many-tenant tests: Contoso as the Graph server's synthetic tenant, and others made from it
// with their own tenant id, name, domains and people, the same object ids included, so that anything
// one tenant's turn could take from another's would show.

export const CONTOSO_ID = 'c0c0c0c0-1111-4222-8333-444455556666';
export const FABRIKAM_ID = 'fabfab00-2222-4333-8444-555566667777';
export const NORTHWIND_ID = '0e0e0e0e-3333-4444-8555-666677778888';

export function otherTenant(id: string, name: string, domain: string, users: number): ServerTenantSeed {
  const seed = syntheticGraphTenant({ users });
  seed.health = seed.health.map((h) => ({ ...h, status: 'serviceOperational' }));
  return {
    ...seed,
    organization: { id, displayName: name, domains: [`${domain}.example`, `${domain}.onmicrosoft.com`] },
    users: seed.users.map((u, n) => ({ ...u, userPrincipalName: `person${n}@${domain}.example`, displayName: `${name} person ${n}` })),
  };
}

export function contoso(users = 12): ServerTenantSeed {
  const seed = syntheticGraphTenant({ users });
  seed.health = seed.health.map((h) => ({ ...h, status: 'serviceOperational' }));
  return seed;
}
