import type { SwitchService } from '../bot/switching/switch-service';
import type { TenantDirectory } from '../bot/tenants/tenant-directory';

/** What the flow dialogs are built with: passed in, so tests can hand in their own. */
export interface FlowDeps {
  switching: SwitchService;
  directory: TenantDirectory;
  /** Today's date for billing figures; the real clock by default. */
  now?: () => Date;
}
