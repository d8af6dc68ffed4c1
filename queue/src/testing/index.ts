// Test support shared by the queue, the worker and the end-to-end suites: a real nats-server on a
// free port, sample messages. Polling is service-kit's `until` (`@faas/service-kit/testing`).
export { startNatsServer } from './nats-server.js';
export type { NatsServer } from './nats-server.js';
export { sleep } from './sleep.js';
export { sampleMessage } from './sample-message.js';
export { describeWithNats } from './describe-with-nats.js';
