/** Picks one replica per request. */
export interface Balancer {
  /** One of `urls` (never empty) for the function identified by `key`. */
  pick(key: string, urls: readonly string[]): string;
}

/**
 * Round-robin per function, per request (never per connection: sticking a keep-alive client to one
 * replica after a scale-up is a known OpenFaaS complaint).
 */
export class RoundRobinBalancer implements Balancer {
  private readonly next = new Map<string, number>();

  pick(key: string, urls: readonly string[]): string {
    const n = this.next.get(key) ?? 0;
    this.next.set(key, (n + 1) % 1_000_000);
    return urls[n % urls.length] as string;
  }
}
