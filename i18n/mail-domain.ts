/**
 * The domain the organisation's email addresses end in, for examples such as "buy it for fabrikam.se":
 * the first custom domain, else the `.onmicrosoft.com` one every tenant has.
 */
export function mailDomain(domains: readonly string[]): string {
  return domains.find((domain) => !domain.toLowerCase().endsWith('.onmicrosoft.com')) ?? domains[0] ?? '';
}
