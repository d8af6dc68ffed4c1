import type { Server } from 'node:http';

/**
 * Stops a server gracefully: no new connections, idle keep-alive sockets closed as soon as they
 * become idle, in-flight requests allowed to finish until `deadlineMs`, then every socket is
 * destroyed. Resolves once the server is closed.
 */
export function closeGracefully(server: Server, deadlineMs: number): Promise<void> {
  return new Promise((resolve) => {
    let finished = false;
    const done = (): void => {
      if (finished) return;
      finished = true;
      clearInterval(sweeper);
      clearTimeout(deadline);
      resolve();
    };
    const wasListening = server.listening;
    server.close(() => done());
    if (!wasListening) setImmediate(done);
    server.closeIdleConnections();
    // A keep-alive socket whose request finishes after close() would otherwise linger until its
    // keep-alive timeout; sweep idle sockets until every connection is gone.
    const sweeper = setInterval(() => server.closeIdleConnections(), 25);
    const deadline = setTimeout(() => {
      server.closeAllConnections();
      done();
    }, deadlineMs);
    sweeper.unref();
  });
}
