import type { GraphHttp } from '../client';
import { ROLE_TEMPLATE_IDS } from '../mapping/roles';
import { readAllPages } from './paging';
import type {
  GraphCompanySubscription,
  GraphOrganization,
  GraphPage,
  GraphRoleAssignment,
  GraphServiceHealth,
  GraphSubscribedSku,
  GraphTenantData,
  GraphUser,
} from './types';

// The reads a snapshot needs, each asking only for the fields it uses. Application permissions:
// Organization.Read.All, LicenseAssignment.Read.All (or Directory.Read.All), User.Read.All,
// ServiceHealth.Read.All, RoleManagement.Read.Directory.

export const USER_PAGE_SIZE = 999;

export const GRAPH_READS = {
  organization: '/organization?$select=id,displayName,verifiedDomains',
  skus: '/subscribedSkus?$select=skuId,skuPartNumber,capabilityStatus,consumedUnits,prepaidUnits,servicePlans',
  subscriptions: '/directory/subscriptions?$select=id,skuId,skuPartNumber,status,isTrial,totalLicenses,createdDateTime,nextLifecycleDateTime',
  users: `/users?$select=id,userPrincipalName,displayName,assignedLicenses,licenseAssignmentStates,usageLocation&$top=${USER_PAGE_SIZE}`,
  health: '/admin/serviceAnnouncement/healthOverviews?$select=id,service,status',
  roleAssignments: (roleDefinitionId: string) =>
    `/roleManagement/directory/roleAssignments?$filter=${encodeURIComponent(`roleDefinitionId eq '${roleDefinitionId}'`)}&$select=principalId,roleDefinitionId,directoryScopeId`,
} as const;

export async function readTenant(http: GraphHttp): Promise<GraphTenantData> {
  const [organizations, skus, subscriptions, users, health, ...roleAssignments] = await Promise.all([
    http.get<GraphPage<GraphOrganization>>(GRAPH_READS.organization),
    readAllPages<GraphSubscribedSku>(http, GRAPH_READS.skus),
    readAllPages<GraphCompanySubscription>(http, GRAPH_READS.subscriptions),
    readAllPages<GraphUser>(http, GRAPH_READS.users),
    readAllPages<GraphServiceHealth>(http, GRAPH_READS.health),
    ...ROLE_TEMPLATE_IDS.map((id) => readAllPages<GraphRoleAssignment>(http, GRAPH_READS.roleAssignments(id))),
  ]);
  const organization = organizations.value[0];
  if (!organization) throw new Error('GET /organization returned no organization');
  return { organization, skus, subscriptions, users, health, roleAssignments: roleAssignments.flat() };
}
