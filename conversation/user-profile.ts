import type { Language } from '../i18n/languages';

/** Remembered per user across conversations. */
export interface UserProfile {
  language?: Language;
  /** Local development only: the demo tenant and user picked on the identity card. */
  devIdentity?: { tenantId: string; userId: string };
  /** A helpdesk agent's chosen customer tenant. */
  guidingTenantId?: string;
}
