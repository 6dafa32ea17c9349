import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../i18n/translator';
import { contractRoles, ENTRA_ROLES, ENTRA_ROLES_SOURCE, ROLE_TEMPLATE_IDS } from '../graph/mapping/roles';
import { ROLES } from '../domain/vocabulary';
import { graphRig, type GraphRig } from './support/graph-fixtures';
import { startGraphServer } from './support/graph-server';
import { BILLING_ADMIN, GLOBAL_ADMIN, guid, HELPDESK, KNOWLEDGE_ADMIN, LICENSE_ADMIN, MIXED, mixedGraphTenant, SKU_KIOSK, SKU_STANDARD, syntheticGraphTenant, USER_ADMIN, userId } from './support/graph-server';
import type { DirectoryRolesSeed } from './support/graph-server/directory-roles';

// Roles read through Microsoft Graph: by role template id from one table, held directly, through a
// role-assignable group or as an active Privileged Identity Management assignment, tenant-wide only.

const PASSWORD_ADMIN = '966707d0-3269-4727-9be2-8c3a10f19b9d';
const GLOBAL_READER = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';
const LICENCE_GROUP = guid(1, 7);
const AU_GROUP = guid(2, 7);

let rig: GraphRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** Contoso with 16 people; users 0 to 5 hold the synthetic tenant's roles, 6 and on those below. */
function tenant() {
  const seed = syntheticGraphTenant({ users: 16 });
  const assign = (n: number, principalId: string, roleDefinitionId: string, directoryScopeId = '/') => ({ id: guid(100 + n, 3), principalId, roleDefinitionId, directoryScopeId });
  seed.roleAssignments.push(
    assign(1, userId(6), KNOWLEDGE_ADMIN),
    assign(2, userId(7), HELPDESK),
    assign(3, userId(8), PASSWORD_ADMIN),
    assign(4, userId(9), GLOBAL_READER),
    // License administrators through a role-assignable group.
    assign(5, LICENCE_GROUP, LICENSE_ADMIN),
    // User administrators of one administrative unit through a group: not the organisation's.
    assign(6, AU_GROUP, USER_ADMIN, `/administrativeUnits/${guid(9, 4)}`),
    // A Global administrator who is also on the helpdesk.
    assign(7, userId(13), GLOBAL_ADMIN),
    assign(8, userId(13), HELPDESK),
  );
  const roles: DirectoryRolesSeed = {
    roleGroups: [
      { id: LICENCE_GROUP, displayName: 'Licence admins', members: [userId(10), userId(11)] },
      { id: AU_GROUP, displayName: 'Branch user admins', members: [userId(14)] },
    ],
    // Billing administrator for the next hours through Privileged Identity Management.
    activations: [{ id: guid(1, 8), principalId: userId(12), roleDefinitionId: BILLING_ADMIN, directoryScopeId: '/', startDateTime: '2026-11-21T08:00:00Z', endDateTime: '2026-11-21T16:00:00Z' }],
  };
  return { seed, roles };
}

const rolesByUser = (users: { id: string; roles: string[] }[]) => Object.fromEntries(users.map((u) => [u.id, u.roles]));

describe('roles from Microsoft Graph', () => {
  it('reads every role that matters, however it is held', async () => {
    rig = await graphRig({ ...tenant(), pageSize: 3 });
    const { snapshot, warnings } = await rig.gateway.readSnapshotWithWarnings();
    expect(rolesByUser(snapshot.users)).toEqual({
      [userId(0)]: ['GlobalAdmin'],
      [userId(1)]: ['BillingAdmin', 'LicenseAdmin'],
      [userId(2)]: ['User'],
      [userId(3)]: ['HelpdeskAgent'],
      [userId(4)]: ['User'],
      [userId(5)]: ['User'],
      // Knowledge administrator: not the helpdesk.
      [userId(6)]: ['User'],
      // Helpdesk and Password administrators: the helpdesk.
      [userId(7)]: ['HelpdeskAgent'],
      [userId(8)]: ['HelpdeskAgent'],
      // Global Reader reads, changes nothing.
      [userId(9)]: ['User'],
      // Through the role-assignable group.
      [userId(10)]: ['LicenseAdmin'],
      [userId(11)]: ['LicenseAdmin'],
      // Active in PIM.
      [userId(12)]: ['BillingAdmin'],
      // A Global administrator on the helpdesk too is the administrator.
      [userId(13)]: ['GlobalAdmin'],
      // Through a group, for one administrative unit only.
      [userId(14)]: ['User'],
      [userId(15)]: ['User'],
    });
    expect(warnings.filter((w) => w.code === 'ROLES_PARTLY_READ')).toEqual([]);
  });

  it('still reads standing roles when the app may not read PIM or group members, and says what is missing', async () => {
    rig = await graphRig(tenant());
    rig.server.denied.add('/v1.0/roleManagement/directory/roleAssignmentScheduleInstances');
    rig.server.denied.add(`/v1.0/groups/${LICENCE_GROUP}/members`);
    const { snapshot, warnings } = await rig.gateway.readSnapshotWithWarnings();
    const roles = rolesByUser(snapshot.users);
    expect([roles[userId(0)], roles[userId(7)], roles[userId(10)], roles[userId(12)]]).toEqual([['GlobalAdmin'], ['HelpdeskAgent'], ['User'], ['User']]);
    expect(warnings).toContainEqual({ code: 'ROLES_PARTLY_READ', missing: ['group-members', 'pim'] });
  });

  it('counts nobody through a group deleted since its role assignment was read', async () => {
    const { seed, roles } = tenant();
    roles.roleGroups![0]!.deleted = true;
    rig = await graphRig({ seed, roles });
    const { snapshot, warnings } = await rig.gateway.readSnapshotWithWarnings();
    expect(rolesByUser(snapshot.users)[userId(10)]).toEqual(['User']);
    expect(warnings.filter((w) => w.code === 'ROLES_PARTLY_READ')).toEqual([]);
  });

  it('asks Graph with the documented filter and expansion, once per role that matters', async () => {
    rig = await graphRig(tenant());
    await rig.gateway.readSnapshot();
    const asked = (path: string) => rig!.server.log.filter((r) => r.path === path).length;
    expect(asked('/v1.0/roleManagement/directory/roleAssignments')).toBe(ROLE_TEMPLATE_IDS.length);
    expect(asked('/v1.0/roleManagement/directory/roleAssignmentScheduleInstances')).toBe(ROLE_TEMPLATE_IDS.length);
    expect(asked(`/v1.0/groups/${LICENCE_GROUP}/members`)).toBe(1);
  });
});

describe('a tenant with group licences, customisations and roles held through a group', () => {
  it('gives the right disabledServices and roles', async () => {
    const seed = mixedGraphTenant();
    // The licence administrator holds the role through a role-assignable group, Billing directly.
    seed.roleAssignments = seed.roleAssignments.map((a) => (a.roleDefinitionId === LICENSE_ADMIN ? { ...a, principalId: LICENCE_GROUP } : a));
    rig = await graphRig({ seed, roles: { roleGroups: [{ id: LICENCE_GROUP, displayName: 'Licence admins', members: [MIXED.admin, MIXED.plain[0]] }] } });
    const snapshot = await rig.gateway.readSnapshot();
    const user = (id: string) => snapshot.users.find((u) => u.id === id)!;
    expect(user(MIXED.admin).roles).toEqual(['BillingAdmin', 'LicenseAdmin']);
    expect(user(MIXED.plain[0]).roles).toEqual(['LicenseAdmin']);
    expect(user(MIXED.groupOnly).roles).toEqual(['User']);
    expect(user(MIXED.customised).licenses.map((l) => l.disabledServices)).toEqual([['yammer']]);
    expect(user(MIXED.kiosk).licenses.map((l) => [l.subscriptionId, l.disabledServices])).toEqual([
      [SKU_STANDARD, ['exchange']],
      [SKU_KIOSK, []],
    ]);
    expect(user(MIXED.groupOnly).licenses.map((l) => l.disabledServices)).toEqual([[]]);
  });
});

describe('plan-switch snapshot --graph without the role-read permissions', () => {
  it('warns on standard error, in the chosen language, which roles could not be read and the permission they need', async () => {
    const server = await startGraphServer(tenant());
    server.denied.add('/v1.0/roleManagement/directory/roleAssignmentScheduleInstances');
    server.denied.add(`/v1.0/groups/${LICENCE_GROUP}/members`);
    const root = join(import.meta.dirname, '..');
    const run = (lang: string) =>
      promisify(execFile)(process.execPath, [join(root, 'bin/plan-switch.mjs'), 'snapshot', '--graph', '--lang', lang], {
        cwd: root,
        env: { ...process.env, ...server.env(), NODE_EXTRA_CA_CERTS: join(root, 'test', 'support', 'graph-server', 'tls', 'server-cert.pem') },
      });
    try {
      for (const lang of ['en', 'pl'] as const) {
        const { stderr } = await run(lang);
        const t = translator(lang);
        expect(stderr).toContain(t('cli:snapshot.rolesPimUnread'));
        expect(stderr).toContain(t('cli:snapshot.rolesGroupsUnread'));
      }
    } finally {
      await server.close();
    }
  });
});

describe('the role table', () => {
  it('names its source and maps each template id once, to a contract role', () => {
    expect(ENTRA_ROLES_SOURCE.url).toContain('learn.microsoft.com');
    expect(new Set(ENTRA_ROLES.map((r) => r.templateId)).size).toBe(ENTRA_ROLES.length);
    for (const row of ENTRA_ROLES) expect(ROLES).toContain(row.role);
    expect(ENTRA_ROLES.find((r) => r.name === 'Helpdesk Administrator')?.role).toBe('HelpdeskAgent');
    expect(ENTRA_ROLES.find((r) => r.name === 'Knowledge Administrator')?.role).toBe('User');
  });

  it('makes a helpdesk agent who is also an administrator the administrator', () => {
    expect(contractRoles(['HelpdeskAgent', 'LicenseAdmin'], ROLES)).toEqual(['LicenseAdmin']);
    expect(contractRoles(['HelpdeskAgent'], ROLES)).toEqual(['HelpdeskAgent']);
    expect(contractRoles([], ROLES)).toEqual(['User']);
  });
});
