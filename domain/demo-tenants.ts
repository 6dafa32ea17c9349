import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { err, type Result } from './result';
import { parseSnapshotJson, type InvalidSnapshot } from './snapshot/parse';
import type { TenantSnapshot } from './snapshot/schema';

// The demo tenants of data/tenants/ (written by scripts/generate-demo-tenants.ts), by tenant id.
function dataFile(file: string): string {
  return fileURLToPath(new URL(`../data/tenants/${file}`, import.meta.url));
}

export const DEMO_TENANT_FILES = {
  contoso: dataFile('contoso-small-business.json'),
  fabrikam: dataFile('fabrikam-blocked.json'),
  nordlys: dataFile('nordlys-mca.json'),
  kowalski: dataFile('kowalski-legacy.json'),
  tailspin: dataFile('tailspin-enterprise.json'),
  woodgrove: dataFile('woodgrove-nonprofit.json'),
} as const satisfies Record<string, string>;

export type DemoTenantId = keyof typeof DEMO_TENANT_FILES;

export const DEMO_TENANT_IDS = Object.keys(DEMO_TENANT_FILES) as DemoTenantId[];

export interface UnknownDemoTenant {
  code: 'UNKNOWN_DEMO_TENANT';
  tenantId: string;
  known: DemoTenantId[];
}

export function isDemoTenantId(id: string): id is DemoTenantId {
  return Object.hasOwn(DEMO_TENANT_FILES, id);
}

export function loadDemoTenant(id: string): Result<TenantSnapshot, InvalidSnapshot | UnknownDemoTenant> {
  if (!isDemoTenantId(id)) return err({ code: 'UNKNOWN_DEMO_TENANT', tenantId: id, known: DEMO_TENANT_IDS });
  return parseSnapshotJson(readFileSync(DEMO_TENANT_FILES[id], 'utf8'));
}
