import type { GraphHttp } from '../client';
import { readAllPages } from './paging';
import { readRoleAssignments } from './role-reader';
import type {
  GraphCompanySubscription,
  GraphOrganization,
  GraphPage,
  GraphServiceHealth,
  GraphSubscribedSku,
  GraphTenantData,
  GraphUser,
} from './types';

// The reads a snapshot needs, each asking only for the fields it uses. Application permissions:
// Organization.Read.All, LicenseAssignment.Read.All (or Directory.Read.All), User.Read.All,
// ServiceHealth.Read.All, and for roles those role-reader.ts names.

export const USER_PAGE_SIZE = 999;

export const GRAPH_READS = {
  organization: '/organization?$select=id,displayName,verifiedDomains,countryLetterCode',
  skus: '/subscribedSkus?$select=skuId,skuPartNumber,capabilityStatus,consumedUnits,prepaidUnits,servicePlans',
  subscriptions: '/directory/subscriptions?$select=id,skuId,skuPartNumber,status,isTrial,totalLicenses,createdDateTime,nextLifecycleDateTime',
  users: `/users?$select=id,userPrincipalName,displayName,assignedLicenses,licenseAssignmentStates,usageLocation&$top=${USER_PAGE_SIZE}`,
  health: '/admin/serviceAnnouncement/healthOverviews?$select=id,service,status',
} as const;

export async function readTenant(http: GraphHttp): Promise<GraphTenantData> {
  const [organizations, skus, subscriptions, users, health, roles] = await Promise.all([
    http.get<GraphPage<GraphOrganization>>(GRAPH_READS.organization),
    readAllPages<GraphSubscribedSku>(http, GRAPH_READS.skus),
    readAllPages<GraphCompanySubscription>(http, GRAPH_READS.subscriptions),
    readAllPages<GraphUser>(http, GRAPH_READS.users),
    readAllPages<GraphServiceHealth>(http, GRAPH_READS.health),
    readRoleAssignments(http),
  ]);
  const organization = organizations.value[0];
  if (!organization) throw new Error('GET /organization returned no organization');
  return { organization, skus, subscriptions, users, health, roleAssignments: roles.assignments, roleGaps: roles.gaps };
}
