import type { Query } from './odata';
import { roleDefinitionFilter } from './odata';
import type { ServerRoleAssignment } from './tenant-state';

// Who holds which Microsoft Entra role, as Graph v1.0 answers it:
// - GET /roleManagement/directory/roleAssignments: standing assignments, to users or to role-assignable
//   groups (https://learn.microsoft.com/en-us/graph/api/rbacapplication-list-roleassignments);
// - GET /roleManagement/directory/roleAssignmentScheduleInstances: the active assignments, standing ones
//   ("Assigned") and eligible ones activated in Privileged Identity Management ("Activated", until their
//   endDateTime) (https://learn.microsoft.com/en-us/graph/api/rbacapplication-list-roleassignmentscheduleinstances,
//   https://learn.microsoft.com/en-us/graph/api/resources/unifiedroleassignmentscheduleinstance);
// - GET /groups/{id}/members of a role-assignable group: users only, as such a group cannot hold groups
//   (https://learn.microsoft.com/en-us/graph/api/group-list-members).
// Both role lists take `$filter=roleDefinitionId eq '…'` and `$expand=principal` (also `principal($select=id)`),
// which gives the principal's @odata.type. An activation shows only among the schedule instances here:
// the worst case for a reader that would look at roleAssignments alone.

export interface RoleAssignableGroup {
  id: string;
  displayName: string;
  /** User ids. */
  members: string[];
  /** Deleted after its role assignment was read: its members answer 404. */
  deleted?: boolean;
}

/** An eligible assignment activated in PIM (unifiedRoleAssignmentScheduleInstance, assignmentType Activated). */
export interface RoleActivation {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
  startDateTime: string;
  endDateTime: string;
}

export interface DirectoryRolesSeed {
  roleGroups?: RoleAssignableGroup[];
  activations?: RoleActivation[];
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const error = (status: number, code: string, message: string): Answer => ({
  status,
  body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': crypto.randomUUID() } } },
});

export class DirectoryRoles {
  readonly roleGroups: RoleAssignableGroup[];
  readonly activations: RoleActivation[];

  constructor(
    seed: DirectoryRolesSeed,
    /** The tenant's standing role assignments (the seed's roleAssignments). */
    private readonly standing: () => readonly ServerRoleAssignment[],
    private readonly userName: (id: string) => { displayName: string; userPrincipalName: string } | undefined,
  ) {
    const copy = structuredClone(seed);
    this.roleGroups = copy.roleGroups ?? [];
    this.activations = copy.activations ?? [];
  }

  /** The answer to a GET this file serves, or undefined for any other path. `list` pages a collection. */
  answer(path: string, query: Query, expand: string | null, list: (items: readonly object[]) => Answer): Answer | undefined {
    if (path === '/v1.0/roleManagement/directory/roleAssignments') {
      return this.roleList(query, expand, list, this.standing().map((a) => ({ id: a.id, principalId: a.principalId, roleDefinitionId: a.roleDefinitionId, directoryScopeId: a.directoryScopeId, appScopeId: null })));
    }
    if (path === '/v1.0/roleManagement/directory/roleAssignmentScheduleInstances') {
      const assigned = this.standing().map((a) => ({
        id: `${a.id}-instance`,
        principalId: a.principalId,
        roleDefinitionId: a.roleDefinitionId,
        directoryScopeId: a.directoryScopeId,
        appScopeId: null,
        startDateTime: null,
        endDateTime: null,
        assignmentType: 'Assigned',
        memberType: 'Direct',
        roleAssignmentOriginId: a.id,
        roleAssignmentScheduleId: `${a.id}-schedule`,
      }));
      const activated = this.activations.map((a) => ({
        ...a,
        appScopeId: null,
        assignmentType: 'Activated',
        memberType: 'Direct',
        roleAssignmentOriginId: `${a.id}-origin`,
        roleAssignmentScheduleId: `${a.id}-schedule`,
      }));
      return this.roleList(query, expand, list, [...assigned, ...activated]);
    }
    const members = path.match(/^\/v1\.0\/groups\/([^/]+)\/members$/);
    if (members) {
      const group = this.roleGroups.find((g) => g.id.toLowerCase() === decodeURIComponent(members[1]!).toLowerCase());
      if (!group) return undefined;
      if (group.deleted) return error(404, 'Request_ResourceNotFound', `Resource '${group.id}' does not exist or one of its queried reference-property objects are not present.`);
      return list(group.members.map((id) => ({ '@odata.type': '#microsoft.graph.user', id, ...this.userName(id) })));
    }
    return undefined;
  }

  private roleList(query: Query, expand: string | null, list: (items: readonly object[]) => Answer, rows: { principalId: string; roleDefinitionId: string }[]): Answer {
    const role = roleDefinitionFilter(query.filter);
    if (query.filter !== undefined && role === undefined) return error(400, 'BadRequest', `Invalid filter clause: ${query.filter}`);
    const matching = rows.filter((r) => role === undefined || r.roleDefinitionId.toLowerCase() === role);
    const expandPrincipal = expand?.match(/^principal(\(\$select=id\))?$/);
    if (expand !== null && !expandPrincipal) return error(400, 'BadRequest', `Could not find a property named '${expand}' on type 'microsoft.graph.unifiedRoleAssignment'.`);
    if (!expandPrincipal) return list(matching);
    // The expanded principal stays in the answer whatever $select names.
    if (query.select) query.select.push('principal');
    const idOnly = expandPrincipal[1] !== undefined;
    return list(matching.map((r) => ({ ...r, principal: this.principal(r.principalId, idOnly) })));
  }

  private principal(id: string, idOnly: boolean): object {
    const group = this.roleGroups.find((g) => g.id === id);
    if (group) return { '@odata.type': '#microsoft.graph.group', id, ...(idOnly ? {} : { displayName: group.displayName, isAssignableToRole: true }) };
    const user = this.userName(id);
    if (user) return { '@odata.type': '#microsoft.graph.user', id, ...(idOnly ? {} : user) };
    return { '@odata.type': '#microsoft.graph.servicePrincipal', id };
  }
}
