import { isReplacementDone, type LicenceReplacement } from './licence-replacement';
import type { NotMoved, SwitchJob } from './switch-job';
import { JOB_ERRORS } from './switch-errors';
import type { RunMemo, StepContext, StepResult } from './switch-step-context';
import type { BatchItemOutcome } from './tenant.port';

function notMovedOf(item: BatchItemOutcome): NotMoved {
  return {
    userId: item.userId,
    status: item.status === 'skipped' ? 'skipped' : 'refused',
    error: item.error ?? 'UNKNOWN',
    ...(item.groupIds && item.groupIds.length > 0 ? { groupIds: item.groupIds } : {}),
  };
}

/**
 * The job's list of group members nobody chose whom the move also changed, with this batch's news (a
 * later try's outcome for the same member wins); members the job itself moves are not listed there.
 */
function alsoChangedOf(job: SwitchJob, outcomes: readonly BatchItemOutcome[]): NonNullable<SwitchJob['alsoChanged']> {
  const chosen = new Set(job.replacements.map((r) => r.userId));
  const byUser = new Map((job.alsoChanged ?? []).map((a) => [a.userId, a]));
  for (const o of outcomes) {
    if (chosen.has(o.userId)) continue;
    const moved = o.status === 'done' || o.status === 'already-done';
    byUser.set(o.userId, { userId: o.userId, moved, ...(moved ? {} : { error: o.error ?? 'UNKNOWN' }), ...(o.groupIds && o.groupIds.length > 0 ? { groupIds: o.groupIds } : {}) });
  }
  return [...byUser.values()];
}

/**
 * The step that moves users: the next batch of replacements from the job's cursor, less those already
 * done, in one gateway call; the cursor moves on once no item of the batch failed, and a batch that keeps
 * failing fails the job after `maxAttempts`.
 */
export async function replaceBatch(job: SwitchJob, memo: RunMemo, context: StepContext): Promise<StepResult> {
  if (job.cursor >= job.replacements.length) return context.save(job, { step: 'licences-replaced', attempts: 0 });
  const batch = job.replacements.slice(job.cursor, job.cursor + job.batchSize);
  const passed = new Set((job.notMoved ?? []).map((n) => n.userId));
  const isDone = (r: LicenceReplacement) => {
    if (memo.confirmed.has(r.userId) || passed.has(r.userId)) return true;
    const user = memo.usersById.get(r.userId);
    return user !== undefined && isReplacementDone(user, r);
  };
  const toSend = batch.filter((r) => !isDone(r));
  if (toSend.length === 0) return context.save(job, { cursor: job.cursor + batch.length, attempts: 0 });

  await context.paced(job, 'replace-licences', toSend.length);
  const outcome = await context.gateway.replaceLicences(toSend);
  const byUser = new Map(outcome.items.map((item) => [item.userId, item]));
  const failures: BatchItemOutcome[] = [];
  // Refused and skipped users are final: recorded with their reason, and the move goes on with the others.
  const notMoved = new Map((job.notMoved ?? []).map((n) => [n.userId, n]));
  for (const r of toSend) {
    const item = byUser.get(r.userId);
    if (item && (item.status === 'done' || item.status === 'already-done')) memo.confirmed.add(r.userId);
    else if (item && (item.status === 'refused' || item.status === 'skipped')) notMoved.set(r.userId, notMovedOf(item));
    else failures.push(item ?? { userId: r.userId, status: 'failed', error: 'NO_OUTCOME' });
  }
  const alsoChanged = alsoChangedOf(job, outcome.alsoChanged ?? []);
  // Once unread, a group stays named: its members were not looked at on that try.
  const membersUnread = [...new Set([...(job.membersUnread ?? []), ...(outcome.membersUnread ?? [])])];
  const recorded = {
    ...(notMoved.size > 0 ? { notMoved: [...notMoved.values()] } : {}),
    ...(alsoChanged.length > 0 ? { alsoChanged } : {}),
    ...(membersUnread.length > 0 ? { membersUnread } : {}),
  };
  if (failures.length === 0) return context.save(job, { cursor: job.cursor + batch.length, attempts: 0, ...recorded });
  job = { ...job, ...recorded };
  const attempts = job.attempts + 1;
  if (attempts < context.maxAttempts) return context.save(job, { attempts });
  return context.fail(
    { ...job, attempts },
    JOB_ERRORS.replacementFailed,
    failures.map((f) => ({ userId: f.userId, ...(f.error === undefined ? {} : { error: f.error }) })),
  );
}
