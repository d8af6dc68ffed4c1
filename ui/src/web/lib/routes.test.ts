import { href, parseRoute } from './routes.js';
import type { Route } from './routes.js';

const echo = { namespace: 'openfaas-fn', name: 'echo' };

describe('hash routes', () => {
  it.each<[string, Route]>([
    ['', { page: 'functions' }],
    ['#/', { page: 'functions' }],
    ['#/functions', { page: 'functions' }],
    ['#/functions/openfaas-fn/echo', { page: 'function', fn: echo }],
    ['#/functions/openfaas-fn/echo/invoke', { page: 'invoke', fn: echo }],
    ['#/deploy', { page: 'deploy' }],
    ['#/deploy/json', { page: 'deploy-json' }],
    ['#/deploy/edit/openfaas-fn/echo', { page: 'deploy', edit: echo }],
    ['#/secrets', { page: 'secrets' }],
    ['#/async', { page: 'async' }],
    ['#/functions/a', { page: 'not-found', hash: '#/functions/a' }],
    ['#/nope', { page: 'not-found', hash: '#/nope' }],
  ])('reads %j as the right page', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it.each<Route>([
    { page: 'functions' },
    { page: 'function', fn: echo },
    { page: 'invoke', fn: { namespace: 'team a', name: 'x/y' } },
    { page: 'deploy' },
    { page: 'deploy', edit: echo },
    { page: 'deploy-json' },
    { page: 'secrets' },
    { page: 'async' },
  ])('reads back the href it writes for %j', (route) => {
    expect(parseRoute(href(route))).toEqual(route);
  });

  it('keeps a malformed escape as it is instead of failing', () => {
    expect(parseRoute('#/functions/ns/%E0%A4%A')).toEqual({
      page: 'function',
      fn: { namespace: 'ns', name: '%E0%A4%A' },
    });
  });
});
