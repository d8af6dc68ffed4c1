import { Agent } from 'undici';
import type { Dispatcher } from 'undici';
import { injectable } from '../di.js';

/**
 * Keep-alive pools to function replicas: one undici Agent, which keeps a pool per origin (http
 * and https). Idle connections close after 60 s, before the watchdog's 65 s, so the gateway never
 * picks a connection the replica is closing.
 */
@injectable()
export class UpstreamAgents {
  private readonly agent = new Agent({ keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000 });

  /** The dispatcher for every replica. */
  get dispatcher(): Dispatcher {
    return this.agent;
  }

  /** Closes every pooled connection. */
  close(): void {
    void this.agent.destroy();
  }
}
