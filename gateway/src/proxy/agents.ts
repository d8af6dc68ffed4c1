import { Agent } from 'undici';
import type { Dispatcher } from 'undici';
import { injectable } from 'inversify';

/**
 * An undici Agent (a keep-alive pool per origin) whose idle connections close after 60 s, before
 * the 65 s our servers keep them, so the gateway never picks a connection the far end is closing.
 */
export function keepAliveDispatcher(): Agent {
  return new Agent({ keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000 });
}

/**
 * Keep-alive pools to function replicas: one keepAliveDispatcher() for every origin (http and https).
 */
@injectable()
export class UpstreamAgents {
  private readonly agent = keepAliveDispatcher();

  /** The dispatcher for every replica. */
  get dispatcher(): Dispatcher {
    return this.agent;
  }

  /** Closes every pooled connection. */
  close(): void {
    void this.agent.destroy();
  }
}
