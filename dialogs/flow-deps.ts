import type { SwitchOffers } from '../conversation/switch-offers';
import type { TenantDirectory } from '../conversation/tenant-directory';

/** What the flow dialogs are built with: passed in, so tests can hand in their own. */
export interface FlowDeps {
  switching: SwitchOffers;
  directory: TenantDirectory;
  /** Today's date for billing figures; the real clock by default. */
  now?: () => Date;
}
