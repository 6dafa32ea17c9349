import type { ServerSku, ServerTenantSeed, ServerUser } from './tenant-state';

// Tenants for the local Graph server, made up but shaped like real ones: Business Standard and Premium
// licence pools with their service plans, a SKU the catalogue does not know (Power BI), administrators
// by role template id (one of them scoped to an administrative unit), and service health.

export const guid = (n: number, group = 0) => `${String(group).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const SERVICE_PLAN = {
  exchange: { servicePlanId: '9aaf7827-d63c-4b61-89c3-182f06f82e5c', servicePlanName: 'EXCHANGE_S_STANDARD' },
  sharepoint: { servicePlanId: 'c7699d2e-19aa-44de-8edf-1736da088ca1', servicePlanName: 'SHAREPOINTSTANDARD' },
  officeWeb: { servicePlanId: 'e95bec33-7c88-4a70-8e19-b10bd9d0c014', servicePlanName: 'SHAREPOINTWAC' },
  teams: { servicePlanId: '57ff2da0-773e-42df-b2af-ffb7a2317929', servicePlanName: 'TEAMS1' },
  yammer: { servicePlanId: '7547a3fe-08ee-4ccb-b430-5077c5041653', servicePlanName: 'YAMMER_ENTERPRISE' },
  skype: { servicePlanId: '0feaeb32-d00e-4d66-bd5a-43b5b83db82c', servicePlanName: 'MCOSTANDARD' },
  apps: { servicePlanId: '43de0ff5-c92c-492b-9116-175376d08c38', servicePlanName: 'OFFICESUBSCRIPTION' },
  intune: { servicePlanId: '882e1d05-acd1-4ccb-8708-6ee03664b117', servicePlanName: 'INTUNE_O365' },
  powerBi: { servicePlanId: '2049e525-b859-401b-b2a0-e0a31c4b1fe4', servicePlanName: 'BI_AZURE_P0' },
} as const;

const P = SERVICE_PLAN;

export const SKU_STANDARD = 'f245ecc8-75af-4f8e-b61f-27d8114de5f3';
export const SKU_PREMIUM = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';
export const SKU_POWER_BI = 'a403ebcc-fae0-4ca2-8c8c-7a907fd6c235';

export function skus(seats: { standard: number; premium: number; powerBi: number }): ServerSku[] {
  return [
    {
      skuId: SKU_STANDARD,
      skuPartNumber: 'O365_BUSINESS_PREMIUM',
      capabilityStatus: 'Enabled',
      prepaidEnabled: seats.standard,
      servicePlans: [P.exchange, P.sharepoint, P.officeWeb, P.teams, P.yammer, P.skype, P.apps],
      planId: 'm365-business-standard',
    },
    {
      skuId: SKU_PREMIUM,
      skuPartNumber: 'SPB',
      capabilityStatus: 'Enabled',
      prepaidEnabled: seats.premium,
      servicePlans: [P.exchange, P.sharepoint, P.officeWeb, P.teams, P.yammer, P.skype, P.apps, P.intune],
      planId: 'm365-business-premium',
    },
    { skuId: SKU_POWER_BI, skuPartNumber: 'POWER_BI_STANDARD', capabilityStatus: 'Enabled', prepaidEnabled: 1_000_000, servicePlans: [P.powerBi] },
  ];
}

export interface SyntheticTenantOptions {
  users: number;
  /** Seats on Business Premium (default: as many as users). */
  premiumSeats?: number;
  /** Every n-th user has Yammer switched off in their licence (0: nobody). */
  yammerOffEvery?: number;
  /** Every n-th user also has the Power BI licence the catalogue does not know (0: nobody). */
  powerBiEvery?: number;
}

export const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
export const BILLING_ADMIN = 'b0f54661-2d74-4c50-afa3-1ec803f12efe';
export const LICENSE_ADMIN = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';
export const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
export const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
/** Knowledge Administrator: no helpdesk role, though it was once read as one. */
export const KNOWLEDGE_ADMIN = 'b5a8dcf3-09d5-43a9-a639-8e29ef291470';

export const userId = (n: number) => guid(n, 1);

/** Contoso: every user on Business Standard, Premium bought with room for all of them. */
export function syntheticGraphTenant(options: SyntheticTenantOptions): ServerTenantSeed {
  const { users: count, yammerOffEvery = 0, powerBiEvery = 0 } = options;
  const users: ServerUser[] = [];
  for (let n = 0; n < count; n++) {
    const licences: ServerUser['assignedLicenses'] = [
      { skuId: SKU_STANDARD, disabledPlans: yammerOffEvery > 0 && n % yammerOffEvery === 0 ? [P.yammer.servicePlanId] : [] },
    ];
    if (powerBiEvery > 0 && n % powerBiEvery === 0) licences.push({ skuId: SKU_POWER_BI, disabledPlans: [] });
    users.push({ id: userId(n), userPrincipalName: `user${n}@contoso.example`, displayName: `User ${n}`, assignedLicenses: licences });
  }
  return {
    organization: { id: 'c0c0c0c0-1111-4222-8333-444455556666', displayName: 'Contoso Ltd', domains: ['contoso.example', 'contoso.onmicrosoft.com'] },
    skus: skus({ standard: count + 10, premium: options.premiumSeats ?? count, powerBi: 1_000_000 }),
    subscriptions: [
      { id: guid(1, 2), skuId: SKU_STANDARD, status: 'Enabled', isTrial: false, totalLicenses: count + 10, createdDateTime: '2025-03-01T10:00:00Z', nextLifecycleDateTime: '2027-03-01T10:00:00Z' },
      { id: guid(2, 2), skuId: SKU_PREMIUM, status: 'Enabled', isTrial: false, totalLicenses: options.premiumSeats ?? count, createdDateTime: '2026-10-01T08:00:00Z', nextLifecycleDateTime: '2027-10-01T08:00:00Z' },
      { id: guid(3, 2), skuId: SKU_POWER_BI, status: 'Enabled', isTrial: true, totalLicenses: 1_000_000, createdDateTime: '2026-01-01T00:00:00Z', nextLifecycleDateTime: null },
    ],
    users,
    roleAssignments: [
      { id: guid(1, 3), principalId: userId(0), roleDefinitionId: GLOBAL_ADMIN, directoryScopeId: '/' },
      ...(count > 1 ? [{ id: guid(2, 3), principalId: userId(1), roleDefinitionId: BILLING_ADMIN, directoryScopeId: '/' }] : []),
      ...(count > 1 ? [{ id: guid(3, 3), principalId: userId(1), roleDefinitionId: LICENSE_ADMIN, directoryScopeId: '/' }] : []),
      ...(count > 2 ? [{ id: guid(4, 3), principalId: userId(2), roleDefinitionId: USER_ADMIN, directoryScopeId: '/administrativeUnits/' + guid(9, 4) }] : []),
      ...(count > 3 ? [{ id: guid(5, 3), principalId: userId(3), roleDefinitionId: HELPDESK, directoryScopeId: '/' }] : []),
      // A role the contract does not know (Exchange Administrator): no contract role.
      ...(count > 4 ? [{ id: guid(6, 3), principalId: userId(4), roleDefinitionId: '29232cdf-9323-42fd-ade2-1d097af3e4de', directoryScopeId: '/' }] : []),
    ],
    health: [
      { id: 'Exchange', service: 'Exchange Online', status: 'serviceDegradation' },
      { id: 'microsoftteams', service: 'Microsoft Teams', status: 'serviceOperational' },
      { id: 'SharePoint', service: 'SharePoint Online', status: 'investigating' },
      { id: 'OneDriveForBusiness', service: 'OneDrive for Business', status: 'serviceInterruption' },
      { id: 'Intune', service: 'Microsoft Intune', status: 'serviceDegradation' },
    ],
  };
}

export const SKU_KIOSK = '80b2d799-d2ba-4d2a-8842-fb0d0f3a4b82';
export const SKU_APPS = 'cdd28e44-67e3-425e-be4f-737fab2899d3';
export const KIOSK_PLAN = { servicePlanId: '4a82b400-a79f-41a4-b4e2-e94f5787b113', servicePlanName: 'EXCHANGE_S_DESKLESS' } as const;
export const ONEDRIVE_PLAN = { servicePlanId: '13696edf-5a08-49f6-8134-03083ed8ba30', servicePlanName: 'ONEDRIVESTANDARD' } as const;
export const SALES_GROUP = '0000000a-0000-4000-8000-000000000001';
export const FIELD_GROUP = '0000000a-0000-4000-8000-000000000002';

/** Exchange Online Kiosk and Microsoft 365 Apps for business, beside the synthetic tenant's SKUs. */
export function extraSkus(seats: { kiosk: number; apps: number }): ServerSku[] {
  return [
    { skuId: SKU_KIOSK, skuPartNumber: 'EXCHANGEDESKLESS', capabilityStatus: 'Enabled', prepaidEnabled: seats.kiosk, servicePlans: [KIOSK_PLAN], planId: 'exchange-online-kiosk' },
    { skuId: SKU_APPS, skuPartNumber: 'O365_BUSINESS', capabilityStatus: 'Enabled', prepaidEnabled: seats.apps, servicePlans: [P.apps, ONEDRIVE_PLAN, P.officeWeb], planId: 'm365-apps-business' },
  ];
}

/** The people of the mixed tenant, by what their move meets; ids sort in this order. */
export const MIXED = {
  admin: guid(0, 5),
  customised: guid(1, 5),
  kiosk: guid(2, 5),
  groupOnly: guid(3, 5),
  directAndGroup: guid(4, 5),
  noLocation: guid(5, 5),
  plain: [guid(6, 5), guid(7, 5), guid(8, 5), guid(9, 5)],
} as const;

/**
 * A tenant as real ones are: Business Standard held directly, through a group, or both; a user without a
 * usage location; one with Yammer switched off; one with Exchange switched off in Standard beside an
 * Exchange Online Kiosk licence (the two Exchange plans exclude each other); the licence administrator.
 * Premium has a licence for each of them (`premiumSeats` to change that).
 */
export function mixedGraphTenant(options: { premiumSeats?: number } = {}): ServerTenantSeed {
  const standard = (disabledPlans: string[] = []) => ({ skuId: SKU_STANDARD, disabledPlans });
  const user = (id: string, name: string, upn: string, licences: ServerUser['assignedLicenses'], usageLocation: string | null = 'PL'): ServerUser => ({
    id,
    userPrincipalName: `${upn}@fabrikam.example`,
    displayName: name,
    assignedLicenses: licences,
    usageLocation,
  });
  const users: ServerUser[] = [
    user(MIXED.admin, 'Ada Admin', 'ada', [standard()]),
    user(MIXED.customised, 'Celina Custom', 'celina', [standard([P.yammer.servicePlanId])]),
    user(MIXED.kiosk, 'Kai Kiosk', 'kai', [standard([P.exchange.servicePlanId]), { skuId: SKU_KIOSK, disabledPlans: [] }]),
    user(MIXED.groupOnly, 'Greta Group', 'greta', []),
    user(MIXED.directAndGroup, 'Dorota Both', 'dorota', [standard()]),
    user(MIXED.noLocation, 'Nils Nowhere', 'nils', [standard()], null),
    ...MIXED.plain.map((id, i) => user(id, `Paula Plain ${i + 1}`, `paula${i + 1}`, [standard()])),
  ];
  const movable = users.length - 1;
  return {
    organization: { id: 'fabf0000-1111-4222-8333-444455556666', displayName: 'Fabrikam Sp. z o.o.', domains: ['fabrikam.example', 'fabrikam.onmicrosoft.com'], country: 'PL' },
    skus: [...skus({ standard: users.length + 5, premium: options.premiumSeats ?? movable, powerBi: 10 }), ...extraSkus({ kiosk: 5, apps: 5 })],
    subscriptions: [
      { id: guid(1, 6), skuId: SKU_STANDARD, status: 'Enabled', isTrial: false, totalLicenses: users.length + 5, createdDateTime: '2025-03-01T10:00:00Z', nextLifecycleDateTime: '2027-03-01T10:00:00Z' },
      { id: guid(2, 6), skuId: SKU_PREMIUM, status: 'Enabled', isTrial: false, totalLicenses: options.premiumSeats ?? movable, createdDateTime: '2026-10-01T08:00:00Z', nextLifecycleDateTime: '2027-10-01T08:00:00Z' },
      { id: guid(3, 6), skuId: SKU_KIOSK, status: 'Enabled', isTrial: false, totalLicenses: 5, createdDateTime: '2025-03-01T10:00:00Z', nextLifecycleDateTime: '2027-03-01T10:00:00Z' },
      { id: guid(4, 6), skuId: SKU_APPS, status: 'Enabled', isTrial: false, totalLicenses: 5, createdDateTime: '2025-03-01T10:00:00Z', nextLifecycleDateTime: '2027-03-01T10:00:00Z' },
    ],
    users,
    groups: [
      { id: SALES_GROUP, displayName: 'Sales licences', assignedLicenses: [standard()], members: [MIXED.groupOnly, MIXED.directAndGroup] },
      { id: FIELD_GROUP, displayName: 'Field staff', assignedLicenses: [], members: [MIXED.kiosk] },
    ],
    roleAssignments: [
      { id: guid(1, 7), principalId: MIXED.admin, roleDefinitionId: LICENSE_ADMIN, directoryScopeId: '/' },
      { id: guid(2, 7), principalId: MIXED.admin, roleDefinitionId: BILLING_ADMIN, directoryScopeId: '/' },
    ],
    health: [{ id: 'Exchange', service: 'Exchange Online', status: 'serviceOperational' }],
  };
}

/** A member of the Sales licences group nobody chooses in the group-licence tests: it gets the licence from the group only. */
export const GROUP_MEMBER_NOT_CHOSEN = guid(10, 5);

/**
 * The mixed tenant with a group worth moving: Sales licences gives Business Standard with Yammer switched
 * off to Greta (group only), Dorota (group and direct) and Gustaw (group only, whom the tests do not
 * choose). `premiumSeats` to run the new subscription short.
 */
export function groupLicenceTenant(options: { premiumSeats?: number } = {}): ServerTenantSeed {
  const seed = mixedGraphTenant(options);
  seed.users.push({ id: GROUP_MEMBER_NOT_CHOSEN, userPrincipalName: 'gustaw@fabrikam.example', displayName: 'Gustaw Grupa', assignedLicenses: [], usageLocation: 'PL' });
  const sales = seed.groups!.find((g) => g.id === SALES_GROUP)!;
  sales.assignedLicenses = [{ skuId: SKU_STANDARD, disabledPlans: [SERVICE_PLAN.yammer.servicePlanId] }];
  sales.members.push(GROUP_MEMBER_NOT_CHOSEN);
  return seed;
}
