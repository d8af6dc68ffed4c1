// What every page is: an element, a title, and what to stop when the user leaves it.
import type { Connection } from '../api/connection.js';
import type { MetricsPoller } from '../api/metrics-poller.js';
import type { Notices } from './notices.js';

/** A rendered page. */
export interface View {
  /** The page's root element, put into <main>. */
  element: HTMLElement;
  /** The document title while the page is shown. */
  title: string;
  /** Stops timers and streams when the page is left. */
  dispose?(): void;
}

/** What pages share. */
export interface Context {
  /** Error and success messages shown above the page. */
  notices: Notices;
  /** Whether the gateway answers; pages mark what they show as not current while it does not. */
  connection: Connection;
  /** The gateway's /metrics, scraped while a chart needs it. */
  metrics: MetricsPoller;
  /** Goes to another page, then shows `success` there (messages of the old page are cleared). */
  navigate(hash: string, success?: string): void;
}
