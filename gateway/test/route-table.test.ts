// The gateway registers its routes from the `gatewayRoutes` table, as the provider does from
// `providerRoutes`: a route of the table that nothing answers is a start-up error, not a 404.
import type { Request, Response } from 'express';
import request from 'supertest';
import { gatewayRoutes } from '@faas/contracts';
import { MemoryLogger } from '@faas/service-kit';
import { createApp } from '../src/app.js';

const deps = { logger: new MemoryLogger(), credentials: null, modules: [] };

describe('createApp and the gatewayRoutes table', () => {
  it('refuses to build when a route of the table has no handler and no module serves it', () => {
    expect(() => createApp({ ...deps, handlers: {} })).toThrow(
      'createApp: no handler for route listFunctions',
    );
  });

  it('registers each handler at its route of the table, by id', async () => {
    const handlers = Object.fromEntries(
      gatewayRoutes.map((route) => [route.id, (_req: Request, res: Response) => void res.send(route.id)]),
    );
    const app = createApp({ ...deps, handlers });
    const res = await request(app.handler).get('/system/function/f?namespace=fn');
    expect(res.status).toBe(200);
    expect(res.text).toBe('getFunction');
    const health = await request(app.handler).get('/healthz');
    expect(health.text).toBe('gatewayHealth');
  });
});
