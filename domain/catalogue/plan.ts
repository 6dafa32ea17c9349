import type { DataService, Service } from '../vocabulary';

/** current: sold today and changed through the admin centre; legacy: older Office 365 plans of the switch-plans wizard. */
export type Generation = 'current' | 'legacy';

export type ServiceFamily =
  | 'm365-business'
  | 'm365-apps'
  | 'enterprise'
  | 'frontline'
  | 'exchange'
  | 'sharepoint'
  | 'small-business'
  | 'midsize'
  | 'lync'
  | 'education'
  | 'office-online';

/** Level of each data-related service; a higher number is a higher version (Exchange Plan 1 < Plan 2). */
export type DataServiceLevels = Partial<Record<DataService, number>>;

export interface Plan {
  id: string;
  name: string;
  family: ServiceFamily;
  generation: Generation;
  /** Microsoft's skuPartNumber, so a tenant read through Graph lands on the same id. */
  skuPartNumber?: string;
  /** List price per licence per month in US dollars, in cents. */
  listPriceUsdCents: number;
  services: readonly Service[];
  dataServices: DataServiceLevels;
}
