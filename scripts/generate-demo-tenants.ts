import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSnapshot } from '../domain/snapshot/parse';
import type { TenantSnapshotInput } from '../domain/snapshot/schema';
import { contoso } from './demo-tenants/contoso';
import { fabrikam } from './demo-tenants/fabrikam';
import { kowalski } from './demo-tenants/kowalski';
import { nordlys } from './demo-tenants/nordlys';
import { tailspin } from './demo-tenants/tailspin';
import { woodgrove } from './demo-tenants/woodgrove';

// Writes the demo tenants to data/tenants/. Deterministic: every name comes from a seeded
// generator, so running it twice gives byte-identical files. Each is checked with the same
// parser the command line uses before it is written.
const OUT_DIR = fileURLToPath(new URL('../data/tenants/', import.meta.url));

const TENANTS: { file: string; build: () => TenantSnapshotInput; compact?: boolean }[] = [
  { file: 'contoso-small-business.json', build: contoso },
  { file: 'fabrikam-blocked.json', build: fabrikam },
  { file: 'nordlys-mca.json', build: nordlys },
  { file: 'kowalski-legacy.json', build: kowalski },
  { file: 'tailspin-enterprise.json', build: tailspin, compact: true },
  { file: 'woodgrove-nonprofit.json', build: woodgrove },
];

mkdirSync(OUT_DIR, { recursive: true });
for (const { file, build, compact } of TENANTS) {
  const snapshot = build();
  const parsed = parseSnapshot(snapshot);
  if (!parsed.ok) {
    console.error(`${file}: ${JSON.stringify(parsed.error.issues.slice(0, 5))}`);
    process.exitCode = 1;
    continue;
  }
  const text = compact ? JSON.stringify(snapshot) : JSON.stringify(snapshot, null, 2);
  writeFileSync(`${OUT_DIR}${file}`, `${text}\n`);
  console.log(`${file}: ${snapshot.users.length} users, ${snapshot.subscriptions.length} subscriptions`);
}
