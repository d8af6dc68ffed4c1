// Reads scaling labels (contracts' readScalingLabels) and logs each distinct warning once, so a
// function with a bad label does not repeat it on every alert or tick.
import { inject, injectable } from 'inversify';
import { readScalingLabels } from '@faas/contracts';
import type { ScalingLabels } from '@faas/contracts';
import type { Logger } from '@faas/service-kit';
import * as tokens from '../tokens.js';

/** At most this many distinct warnings are remembered; then the memory starts over. */
const REMEMBERED = 1000;

/** Scaling labels with defaults; bad values fall back to them with a warning. */
@injectable()
export class LabelReader {
  private readonly warned = new Set<string>();

  constructor(@inject(tokens.Logger) private readonly logger: Logger) {}

  /** The function's scaling settings. */
  read(functionName: string, labels: Record<string, string> | undefined): ScalingLabels {
    const { value, warnings } = readScalingLabels(labels);
    for (const warning of warnings) {
      const key = `${functionName} ${warning}`;
      if (this.warned.has(key)) continue;
      if (this.warned.size >= REMEMBERED) this.warned.clear();
      this.warned.add(key);
      this.logger.warn(`bad scaling label, using the default: ${warning}`, { function: functionName });
    }
    return value;
  }
}
