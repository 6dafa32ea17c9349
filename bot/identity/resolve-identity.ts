import type { Activity } from 'botbuilder';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import type { BotConfig } from '../config';
import type { TenantDirectory } from '../../conversation/tenant-directory';
import type { UserProfile } from '../../conversation/user-profile';
import type { Identity } from '../../conversation/identity';

export type IdentityOutcome =
  | { kind: 'known'; identity: Identity }
  /** Local development with no pick yet: show the demo identity picker. */
  | { kind: 'pick' }
  /** A tenant that is not allowed (or, with many tenants, has not consented yet), or a person the tenant does not know: refused before any domain call. */
  | { kind: 'refused'; reason: RefusalReason };

export type RefusalReason = 'tenant-not-allowed' | 'unknown-user' | 'no-tenant' | 'not-onboarded';

/** The tenant id a Teams activity carries, in either of the places Teams puts it. */
export function teamsTenantId(activity: Partial<Activity>): string | undefined {
  const fromChannel = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  if (typeof fromChannel === 'string' && fromChannel) return fromChannel;
  const fromConversation = activity.conversation?.tenantId;
  return typeof fromConversation === 'string' && fromConversation ? fromConversation : undefined;
}

export function isTenantAllowed(config: BotConfig, tenantId: string): boolean {
  return config.allowedTenants === undefined || config.allowedTenants.includes(tenantId);
}

/**
 * Whether a helpdesk agent of `homeTenantId` may guide `tenantId`. With many consented tenants each
 * organisation is its own customer: its agents guide their own organisation only, never another that
 * happens to use the same deployment (a partner guides its customers through Partner Center instead).
 */
export function mayGuide(config: BotConfig, directory: TenantDirectory, homeTenantId: string, tenantId: string): boolean {
  if (!isTenantAllowed(config, tenantId)) return false;
  return directory.onboarding === undefined || tenantId.toLowerCase() === homeTenantId.toLowerCase();
}

function toIdentity(snapshot: TenantSnapshot, userId: string, source: Identity['source']): Identity | undefined {
  const user = snapshot.users.find((u) => u.id === userId);
  if (!user) return undefined;
  return { tenantId: snapshot.tenant.id, userId: user.id, upn: user.upn, displayName: user.displayName, roles: user.roles, source };
}

/** Who is talking: Teams' tenant and AAD object id, or in local development the picked demo person. */
export async function resolveIdentity(
  activity: Partial<Activity>,
  profile: UserProfile,
  config: BotConfig,
  directory: TenantDirectory,
): Promise<IdentityOutcome> {
  const tenantId = teamsTenantId(activity);
  if (tenantId) {
    if (!isTenantAllowed(config, tenantId)) return { kind: 'refused', reason: 'tenant-not-allowed' };
    await directory.prepare?.(tenantId);
    const tenant = directory.find(tenantId);
    if (!tenant) return { kind: 'refused', reason: directory.onboarding ? 'not-onboarded' : 'tenant-not-allowed' };
    const aadObjectId = activity.from?.aadObjectId;
    const identity = aadObjectId ? toIdentity(await tenant.gateway.readSnapshot(), aadObjectId, 'teams') : undefined;
    return identity ? { kind: 'known', identity } : { kind: 'refused', reason: 'unknown-user' };
  }
  if (config.auth !== undefined) return { kind: 'refused', reason: 'no-tenant' };
  const picked = profile.devIdentity;
  if (!picked) return { kind: 'pick' };
  const tenant = directory.find(picked.tenantId);
  const identity = tenant ? toIdentity(await tenant.gateway.readSnapshot(), picked.userId, 'dev-picker') : undefined;
  return identity ? { kind: 'known', identity } : { kind: 'pick' };
}
