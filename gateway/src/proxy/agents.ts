import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Agent } from 'node:http';
import { injectable } from '../di.js';

/** Keep-alive pools to function replicas, one per protocol (a pool keeps sockets per host:port). */
@injectable()
export class UpstreamAgents {
  private readonly http = new HttpAgent({ keepAlive: true, maxFreeSockets: 256, scheduling: 'lifo' });
  private readonly https = new HttpsAgent({ keepAlive: true, maxFreeSockets: 256, scheduling: 'lifo' });

  /** The pool for `http:` or `https:`. */
  for(protocol: string): Agent {
    return protocol === 'https:' ? this.https : this.http;
  }

  /** Closes every pooled socket. */
  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
