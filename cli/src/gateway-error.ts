import { CliError } from './errors.js';

/** The gateway answered with a status the command did not expect. */
export class GatewayError extends CliError {
  constructor(
    /** What the command was doing, e.g. `deploy hello`. */
    readonly action: string,
    /** The HTTP status. */
    readonly status: number,
    /** The response body, trimmed (plain text, one line from our gateway). */
    readonly body: string,
  ) {
    super(GatewayError.describe(action, status, body));
    this.name = 'GatewayError';
  }

  private static describe(action: string, status: number, body: string): string {
    const text = body.trim().split('\n')[0] ?? '';
    if (status === 401) return `${action}: unauthorized (401); run \`faas login\` for this gateway`;
    return `${action}: the gateway answered ${status}${text ? `: ${text}` : ''}`;
  }
}
