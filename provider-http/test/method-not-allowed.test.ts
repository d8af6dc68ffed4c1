import request from 'supertest';
import { MemoryLogger } from '@faas/service-kit';
import { createProviderApp } from '../src/create-provider-app.js';
import type { ProviderApp } from '../src/create-provider-app.js';
import { createFakeProvider } from './fake-roles.js';

const auth = { user: 'admin', password: 'pw' };
let app: ProviderApp;

beforeEach(() => {
  app = createProviderApp(createFakeProvider().roles, { logger: new MemoryLogger(), auth });
});
afterEach(() => app.close());

describe('createProviderApp: methods a path does not take', () => {
  it.each([
    ['TRACE', '/system/functions', 'GET, HEAD, POST, PUT, DELETE'],
    ['PATCH', '/system/function/echo', 'GET, HEAD'],
    ['PUT', '/system/logs', 'GET, HEAD'],
    ['TRACE', '/function/echo', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'],
    ['TRACE', '/function/echo/deep/path', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const agent = request(app)[method.toLowerCase() as 'get'];
    const res = await agent(path).auth(auth.user, auth.password);
    expect(res.status).toBe(405);
    expect(res.headers.allow?.split(', ').sort()).toEqual(allow.split(', ').sort());
    expect(res.headers['x-openfaas-internal']).toBe('provider');
    expect(res.text).toBe(`Method not allowed: ${method} ${path} takes ${res.headers.allow}.\n`);
  });

  it('still answers 404 for a path no route has, whatever the method', async () => {
    const res = await request(app).trace('/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers.allow).toBeUndefined();
  });
});
