import type { GraphHttp } from '../client';
import { GraphRequestError } from '../errors';
import { ROLE_TEMPLATE_IDS } from '../mapping/roles';
import { readAllPages } from './paging';
import type { GraphRoleAssignment, RoleReadGap } from './types';

// Who holds the roles that matter, per user: standing assignments (roleAssignments), active Privileged
// Identity Management assignments (roleAssignmentScheduleInstances: standing ones and activated
// eligible ones), and roles held through a role-assignable group, read as the group's members. Such a
// group holds users only: "Group nesting isn't supported. A group can't be added as a member of a
// role-assignable group." (learn.microsoft.com/entra/identity/role-based-access-control/groups-concept)
//
// Application permissions: RoleManagement.Read.Directory (roleAssignments), RoleAssignmentSchedule.Read.Directory
// (PIM; the tenant needs Microsoft Entra ID P2), GroupMember.Read.All (members of role-assignable groups).
// Without the PIM or the group read the standing direct assignments still count, and the gap is reported.

const byRole = (roleDefinitionId: string) => encodeURIComponent(`roleDefinitionId eq '${roleDefinitionId}'`);

export const ROLE_READS = {
  // https://learn.microsoft.com/en-us/graph/api/rbacapplication-list-roleassignments (Example 1: $filter on roleDefinitionId, $expand=principal)
  assignments: (roleDefinitionId: string) =>
    `/roleManagement/directory/roleAssignments?$filter=${byRole(roleDefinitionId)}&$select=principalId,roleDefinitionId,directoryScopeId&$expand=principal($select=id)`,
  // https://learn.microsoft.com/en-us/graph/api/rbacapplication-list-roleassignmentscheduleinstances
  activeSchedules: (roleDefinitionId: string) =>
    `/roleManagement/directory/roleAssignmentScheduleInstances?$filter=${byRole(roleDefinitionId)}&$select=principalId,roleDefinitionId,directoryScopeId,assignmentType,endDateTime&$expand=principal($select=id)`,
  // https://learn.microsoft.com/en-us/graph/api/group-list-members
  groupMembers: (groupId: string) => `/groups/${encodeURIComponent(groupId)}/members?$select=id&$top=999`,
} as const;

interface PrincipalRef {
  '@odata.type'?: string;
  id: string;
}

/** unifiedRoleAssignment and unifiedRoleAssignmentScheduleInstance, with the principal expanded. */
interface AssignmentRow {
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string | null;
  principal?: PrincipalRef | null;
}

const isGroup = (row: AssignmentRow) => row.principal?.['@odata.type'] === '#microsoft.graph.group';

/** A read the app may not be allowed (403) or the tenant may not have (400: no Entra ID P2): a gap, not a failure. */
const mayBeMissing = (error: unknown) => error instanceof GraphRequestError && (error.status === 403 || error.status === 400);

export interface RoleAssignmentsRead {
  /** One row per user and role held tenant-wide or scoped, with the user as principalId. */
  assignments: GraphRoleAssignment[];
  gaps: RoleReadGap[];
}

export async function readRoleAssignments(http: GraphHttp): Promise<RoleAssignmentsRead> {
  const gaps = new Set<RoleReadGap>();
  const optional = async <T>(gap: RoleReadGap, read: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await read();
    } catch (error) {
      if (!mayBeMissing(error)) throw error;
      gaps.add(gap);
      return [];
    }
  };
  const [standing, active] = await Promise.all([
    Promise.all(ROLE_TEMPLATE_IDS.map((id) => readAllPages<AssignmentRow>(http, ROLE_READS.assignments(id)))),
    Promise.all(ROLE_TEMPLATE_IDS.map((id) => optional('pim', () => readAllPages<AssignmentRow>(http, ROLE_READS.activeSchedules(id))))),
  ]);
  const rows = [...standing.flat(), ...active.flat()];

  const groupIds = [...new Set(rows.filter(isGroup).map((r) => r.principalId))];
  const members = new Map<string, string[]>();
  await Promise.all(
    groupIds.map(async (groupId) => {
      // A group deleted since the assignments were read has no members to count.
      const read = () => readAllPages<PrincipalRef>(http, ROLE_READS.groupMembers(groupId)).catch((error: unknown) => (error instanceof GraphRequestError && error.status === 404 ? [] : Promise.reject(error)));
      const found = await optional('group-members', read);
      members.set(groupId, found.filter((m) => (m['@odata.type'] ?? '#microsoft.graph.user') === '#microsoft.graph.user').map((m) => m.id));
    }),
  );

  const seen = new Set<string>();
  const assignments: GraphRoleAssignment[] = [];
  for (const row of rows) {
    const users = isGroup(row) ? (members.get(row.principalId) ?? []) : [row.principalId];
    for (const principalId of users) {
      const assignment = { principalId, roleDefinitionId: row.roleDefinitionId, directoryScopeId: row.directoryScopeId ?? '' };
      const key = `${principalId}|${assignment.roleDefinitionId.toLowerCase()}|${assignment.directoryScopeId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      assignments.push(assignment);
    }
  }
  return { assignments, gaps: [...gaps].sort() };
}
