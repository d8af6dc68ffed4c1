// POST /system/alert: the AlertManager webhook (docs/autoscaling.md). Basic auth is in front of /system/*.
// 200 with a line per alert; 400 for a body that is not a webhook; 500 with one line per failed alert.
import { inject, injectable } from 'inversify';
import type { Router } from 'express';
import { HEADERS } from '@faas/contracts';
import { readBody } from '@faas/service-kit';
import type { RouteModule } from '../routes/route-module.js';
import { parseAlertBody } from './alert-body.js';
import { AlertScaler } from './alert-scaler.js';

/** AlertManager bodies are small; a larger one is not a webhook. */
const MAX_ALERT_BODY = 1024 * 1024;

/** The alert route module; it replaces the 501 placeholder. */
@injectable()
export class AlertRoutes implements RouteModule {
  readonly name = 'alert';

  constructor(@inject(AlertScaler) private readonly scaler: AlertScaler) {}

  register(router: Router): void {
    router.post('/system/alert', async (req, res) => {
      const alerts = parseAlertBody(await readBody(req, MAX_ALERT_BODY));
      const report = await this.scaler.handle(alerts);
      res.type('text/plain; charset=utf-8');
      if (report.failed.length > 0) {
        res
          .status(500)
          .set(HEADERS.internal, 'gateway')
          .send(`${report.failed.join('\n')}\n`);
        return;
      }
      res.status(200).send(report.done.map((line) => `${line}\n`).join(''));
    });
  }
}
