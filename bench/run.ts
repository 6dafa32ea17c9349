import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchEligibility } from './eligibility';

// `npm run bench` prints a table; `npm run bench -- --json` prints one JSON object. Both write out/bench.json.
const asJson = process.argv.includes('--json');

const eligibility = benchEligibility();
const report = { eligibility100kMs: eligibility.ms100k, eligibilityBySize: eligibility.bySize };

const outDir = join(import.meta.dirname, '..', 'out');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);

if (asJson) {
  process.stdout.write(`${JSON.stringify(report)}\n`);
} else {
  console.log('Eligibility check (median of 15 runs, index built each run, 50 subscriptions)');
  console.table(eligibility.bySize.map((row) => ({ users: row.users, 'ms per check': row.ms, 'ms per 10k users': row.msPer10kUsers })));
  console.log(`eligibility on 100,000 users: ${eligibility.ms100k} ms (goal: well under 50 ms)`);
  console.log(`written: ${join('out', 'bench.json')}`);
}
