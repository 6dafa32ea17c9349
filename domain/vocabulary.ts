// The closed sets of values the contract names (contract.md, "Enumerations").

export const BILLING_ACCOUNT_TYPES = ['MCA', 'MOSA'] as const;
export type BillingAccountType = (typeof BILLING_ACCOUNT_TYPES)[number];

export const SUBSCRIPTION_STATUSES = ['active', 'trial', 'warning', 'suspended', 'deleted'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const BILLING_FREQUENCIES = ['monthly', 'annual'] as const;
export type BillingFrequency = (typeof BILLING_FREQUENCIES)[number];

export const PAYMENT_METHODS = ['credit-card', 'invoice', 'prepaid-product-key'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const SEGMENTS = ['commercial', 'government', 'nonprofit', 'education'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const ROLES = [
  'GlobalAdmin',
  'BillingAdmin',
  'LicenseAdmin',
  'UserAdmin',
  'BillingAccountOwner',
  'BillingAccountContributor',
  'BillingProfileOwner',
  'BillingProfileContributor',
  'HelpdeskAgent',
  'User',
] as const;
export type Role = (typeof ROLES)[number];

export const SERVICES = ['exchange', 'sharepoint', 'onedrive', 'teams', 'yammer', 'lync', 'office-apps'] as const;
export type Service = (typeof SERVICES)[number];

/** Services whose loss loses data (domain-rules.md section 3). */
export const DATA_SERVICES = ['exchange', 'sharepoint', 'onedrive', 'yammer', 'lync'] as const;
export type DataService = (typeof DATA_SERVICES)[number];

export const HEALTH_STATUSES = ['healthy', 'advisory', 'degraded', 'incident'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];
