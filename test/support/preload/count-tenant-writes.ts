import { appendFileSync } from 'node:fs';
import { FileTenantGateway } from '../../../domain/gateways/file-gateway';

// Loaded into a bot process under test (node --import, after tsx): every write the file gateway is
// asked to make to a tenant is logged in TEST_WRITE_LOG before it is made (`replace <user>`, so a write
// the process is killed in the middle of counts too), and each licence replacement's outcome once the
// tenant file has it (`landed done|already-done|failed <user>`); subscriptions created or cancelled too.

const log = process.env.TEST_WRITE_LOG;
if (log) {
  const proto = FileTenantGateway.prototype;
  const replace = proto.replaceLicences;
  proto.replaceLicences = function counted(this: FileTenantGateway, batch) {
    appendFileSync(log, batch.map((r) => `replace ${r.userId}\n`).join(''));
    return replace.call(this, batch).then((outcome) => {
      appendFileSync(log, outcome.items.map((item) => `landed ${item.status} ${item.userId}\n`).join(''));
      return outcome;
    });
  };
  const create = proto.createSubscription;
  proto.createSubscription = function counted(this: FileTenantGateway, request) {
    appendFileSync(log, `create ${request.idempotencyKey}\n`);
    return create.call(this, request);
  };
  const cancel = proto.cancelSubscription;
  proto.cancelSubscription = function counted(this: FileTenantGateway, subscriptionId, on) {
    appendFileSync(log, `cancel ${subscriptionId}\n`);
    return cancel.call(this, subscriptionId, on);
  };
}
