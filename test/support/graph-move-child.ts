import { FileJobStore } from '../../domain/gateways/file-job-store';
import { SwitchRunner } from '../../domain/switch-runner';
import { GraphTenantGateway, loadGraphConfig } from '../../graph';

// A process that moves licences on the Graph tenant the GRAPH_* variables name, keeping its job in
// JOB_DIR: it plans the job the first time and resumes it after that, so a test can kill it with
// SIGKILL mid-move and start it again. The TLS trust of the local test server comes from NODE_EXTRA_CA_CERTS.

const env = process.env;
const jobId = env.JOB_ID ?? 'graph-move';
const gateway = new GraphTenantGateway({
  config: loadGraphConfig(env),
  quota: { limit: Number(env.QUOTA_LIMIT ?? 3000), windowMs: Number(env.QUOTA_WINDOW_MS ?? 150_000) },
});
const jobs = new FileJobStore(env.JOB_DIR!, { staleLockMs: 2_000 });
const runner = new SwitchRunner({ gateway, jobs, today: () => '2026-11-21' });

if (!(await jobs.get(jobId))) {
  const started = await runner.startMoveUsers({
    jobId,
    fromSubscriptionId: env.FROM_SUBSCRIPTION!,
    toSubscriptionId: env.TO_SUBSCRIPTION!,
    userIds: env.USER_IDS!.split(','),
    requestedBy: 'admin-object-id',
  });
  if (!started.ok) throw new Error(`could not start: ${started.error.code}`);
}
const result = await runner.run(jobId);
gateway.close();
process.stdout.write(`${JSON.stringify(result.ok ? { step: result.value.step, cursor: result.value.cursor } : result.error)}\n`);
process.exitCode = result.ok ? 0 : 1;
