// Test support shared by the queue, the worker and the end-to-end suites: a real nats-server on a
// free port, polling helpers, sample messages.
export { startNatsServer, freePort } from './nats-server.js';
export type { NatsServer } from './nats-server.js';
export { waitFor, sleep } from './wait-for.js';
export { sampleMessage } from './sample-message.js';
export { describeWithNats } from './describe-with-nats.js';
