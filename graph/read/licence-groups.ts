import type { GraphHttp } from '../client';
import { GraphRequestError } from '../errors';
import type { GraphGroup, GraphUser } from './types';

// The groups that carry users' licences (group-based licensing), by the ids licenseAssignmentStates
// names (https://learn.microsoft.com/en-us/graph/api/resources/licenseassignmentstate: assignedByGroup),
// read one by one with GET /groups/{id}?$select=id,displayName: a tenant has few such groups. Needs
// Group.Read.All (or Directory.Read.All); without it, or for a group deleted meanwhile, the group is
// named by its id.

export function licenceGroupIds(users: readonly GraphUser[]): string[] {
  const ids = new Set<string>();
  for (const user of users) for (const state of user.licenseAssignmentStates ?? []) if (state.assignedByGroup) ids.add(state.assignedByGroup);
  return [...ids].sort();
}

export async function readLicenceGroups(http: GraphHttp, users: readonly GraphUser[]): Promise<GraphGroup[]> {
  return Promise.all(
    licenceGroupIds(users).map(async (id) => {
      try {
        const group = await http.get<{ id: string; displayName?: string | null }>(`/groups/${encodeURIComponent(id)}?$select=id,displayName`);
        return { id, displayName: group.displayName ?? id };
      } catch (error) {
        if (error instanceof GraphRequestError && (error.status === 403 || error.status === 404)) return { id, displayName: id };
        throw error;
      }
    }),
  );
}

/** The tenant's data with the groups its users' licences come from. */
export async function withLicenceGroups<T extends { users: readonly GraphUser[] }>(http: GraphHttp, data: T): Promise<T & { groups: GraphGroup[] }> {
  return { ...data, groups: await readLicenceGroups(http, data.users) };
}
