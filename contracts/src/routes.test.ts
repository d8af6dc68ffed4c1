import { providerRoutes, gatewayRoutes, routeById, expressPath, INVOKE_METHODS } from './routes.js';

describe('route tables', () => {
  it.each([
    ['provider', providerRoutes],
    ['gateway', gatewayRoutes],
  ])('%s route ids are unique and method+path pairs are unique', (_name, routes) => {
    expect(new Set(routes.map((r) => r.id)).size).toBe(routes.length);
    expect(new Set(routes.map((r) => `${r.method} ${r.path}`)).size).toBe(routes.length);
  });

  it('requires auth on every /system route and on the UI, and nowhere else', () => {
    for (const route of [...providerRoutes, ...gatewayRoutes]) {
      expect([route.id, route.auth]).toEqual([
        route.id,
        route.path.startsWith('/system/') || route.path.startsWith('/ui'),
      ]);
    }
  });

  it('lets functions be invoked with every method, with and without a path remainder', () => {
    for (const method of INVOKE_METHODS) {
      expect(
        providerRoutes.filter((r) => r.method === method && r.path.startsWith('/function/')),
      ).toHaveLength(2);
      expect(
        gatewayRoutes.filter((r) => r.method === method && r.path.startsWith('/function/')),
      ).toHaveLength(2);
    }
  });

  it('answers 404 to PUT of a function that does not exist, as faas-cli expects', () => {
    expect(routeById(providerRoutes, 'updateFunction').errors).toContain(404);
  });

  it('throws on an unknown id', () => {
    expect(() => routeById(providerRoutes, 'nope')).toThrow('no route with id nope');
  });

  it.each([
    ['/system/function/{name}', '/system/function/:name'],
    ['/function/{name}/{path}', '/function/:name/*path'],
    ['/system/functions', '/system/functions'],
  ])('turns %s into the Express path %s', (path, express) => {
    expect(expressPath(path)).toBe(express);
  });
});
