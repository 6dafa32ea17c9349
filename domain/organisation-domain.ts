import type { TenantSnapshot } from './snapshot/schema';

/**
 * The organisation's own domain for SharePoint addresses: the tenant's `.onmicrosoft.com` domain (the sv article's
 * example team site is https://contoso.onmicrosoft.com/…), not a custom domain, which may not serve SharePoint.
 * A tenant without one (a snapshot written by hand) falls back to its first domain.
 */
export function organisationDomain(tenant: TenantSnapshot['tenant']): string | undefined {
  return tenant.domains.find((domain) => /\.onmicrosoft\.com$/i.test(domain)) ?? tenant.domains[0];
}
