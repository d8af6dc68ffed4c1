// The route module the gateway mounts: serves the built UI under /ui/. The gateway puts basic auth
// in front of /ui; this module answers every /ui path itself, so no placeholder is reached.
import type { Request, Response, Router } from 'express';
import { FaasError } from '@faas/contracts';
import { PrometheusSeries } from './prometheus-series.js';
import { loadUiAssets } from './ui-assets.js';
import type { UiAsset, UiAssets } from './ui-assets.js';

/** What `createUiModule` accepts. */
export interface UiModuleOptions {
  /** Where the files come from; default {@link loadUiAssets} (bundled from sources, else prebuilt). */
  loadAssets?: () => Promise<UiAssets>;
  /**
   * Prometheus that scrapes this gateway (e.g. `http://prometheus:9090`); the charts then start with
   * its last 10 minutes. Without it they are computed in the browser from `/metrics`.
   */
  prometheusUrl?: string;
}

/** A route module, structurally the gateway's `RouteModule` (this package must not import the gateway). */
export interface UiModule {
  /** Names the concern in logs and docs. */
  readonly name: 'ui';
  /** The files, loaded on first use (a bundle takes about 0.3 s) and kept; a failed load is retried next time. */
  assets(): Promise<UiAssets>;
  /**
   * Registers `GET /ui` (redirect), `GET /ui/`, `GET /ui/<file>` and `GET /ui/api/metrics`
   * (Prometheus history, or `{"source":"none"}`); other methods get 405.
   */
  register(router: Router): void;
}

/** Sent with every /ui response: only this origin's scripts, styles and API; no framing. */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

function send(req: Request, res: Response, asset: UiAsset): void {
  const gzip = asset.gzip !== undefined && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const etag = gzip ? `${asset.etag.slice(0, -1)}-gz"` : asset.etag;
  res.set(SECURITY_HEADERS);
  res.set({ 'Cache-Control': asset.cacheControl, ETag: etag, Vary: 'Accept-Encoding' });
  const match = req.headers['if-none-match'];
  if (match !== undefined && match.split(/\s*,\s*/).includes(etag)) {
    res.status(304).end();
    return;
  }
  const body = gzip ? asset.gzip! : asset.body;
  res.set({ 'Content-Type': asset.contentType, 'Content-Length': String(body.length) });
  if (gzip) res.set('Content-Encoding', 'gzip');
  res.status(200).end(req.method === 'HEAD' ? undefined : body);
}

/**
 * The UI module. Its files load on the first request to /ui, not when the gateway starts, so
 * gateways (and their tests) that never serve the UI never run the bundler.
 */
export function createUiModule(options: UiModuleOptions = {}): UiModule {
  let loading: Promise<UiAssets> | undefined;
  const assets = (): Promise<UiAssets> => {
    loading ??= (options.loadAssets ?? loadUiAssets)().catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
    return loading;
  };

  const serve = (path: string, req: Request, res: Response): Promise<void> =>
    assets().then(
      (assets) => {
        const asset = assets.files.get(path);
        if (!asset) throw new FaasError('NOT_FOUND', `Not found: /ui/${path}`);
        send(req, res, asset);
      },
      (err: unknown) => {
        throw new FaasError('INTERNAL', `The web UI could not be loaded: ${(err as Error).message}`);
      },
    );

  const prometheus = options.prometheusUrl
    ? new PrometheusSeries(options.prometheusUrl.replace(/\/+$/, ''))
    : undefined;

  return {
    name: 'ui',
    assets,
    register(router: Router): void {
      // Express matches '/ui' and '/ui/' alike (non-strict routing): tell them apart by the URL.
      router.get(['/ui', '/ui/', '/ui/index.html'], (req, res) => {
        const [path, query] = splitUrl(req.originalUrl);
        if (path === '/ui') return res.redirect(301, `/ui/${query}`);
        return serve('index.html', req, res);
      });
      router.get('/ui/api/metrics', async (req, res) => {
        res.set({ 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
        // Without Prometheus the browser charts from /metrics; 200 rather than 404 keeps its console clean.
        if (!prometheus) return void res.json({ source: 'none' });
        const fn = typeof req.query.function === 'string' ? req.query.function : '';
        const minutes = Math.min(60, Math.max(1, Number(req.query.minutes) || 10));
        const points = await prometheus.series(fn, minutes);
        res.json({ source: 'prometheus', minutes, points });
      });
      router.get('/ui/*path', (req, res) =>
        serve(splitUrl(req.originalUrl)[0].slice('/ui/'.length), req, res),
      );
      router.all(['/ui', '/ui/', '/ui/*path'], (_req, res) => {
        res.set('Allow', 'GET, HEAD');
        throw new FaasError('METHOD_NOT_ALLOWED', 'The web UI only answers GET and HEAD.');
      });
    },
  };
}

function splitUrl(url: string): [string, string] {
  const q = url.indexOf('?');
  return q < 0 ? [url, ''] : [url.slice(0, q), url.slice(q)];
}
