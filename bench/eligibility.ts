import { check } from '../domain/eligibility';
import { measure } from './measure';
import { syntheticTenant } from './synthetic-tenant';

export interface EligibilityFigures {
  /** Median ms of one check on a 100,000-user, 50-subscription tenant, index built from scratch each time. */
  ms100k: number;
  /** Median ms per size, to show the growth is linear. */
  bySize: { users: number; ms: number; msPer10kUsers: number }[];
}

export function benchEligibility(): EligibilityFigures {
  const sizes = [12_500, 25_000, 50_000, 100_000];
  const bySize = sizes.map((users) => {
    const snapshot = syntheticTenant(users, 50);
    // A shallow copy per call defeats the per-snapshot index cache, so every call pays for the whole scan.
    // The asking user is the last one, so finding them costs a full scan.
    const { medianMs } = measure(() => {
      const result = check({ ...snapshot }, { subscriptionId: 'sub-1', toPlan: 'm365-e5', asUpn: `user${users - 1}@tailspin.example`, today: '2026-11-21' });
      if (!result.ok) throw new Error(result.error.code);
    });
    return { users, ms: round(medianMs), msPer10kUsers: round((medianMs / users) * 10_000) };
  });
  return { ms100k: bySize[bySize.length - 1]!.ms, bySize };
}

const round = (n: number) => Math.round(n * 100) / 100;
