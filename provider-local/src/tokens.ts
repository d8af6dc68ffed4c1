// Injection tokens: each is a Symbol with the same name as the type it stands for (the Theia
// convention, docs/architecture.md "Composition"). Classes are their own tokens.
import type * as http from '@faas/provider-http';
import type * as kit from '@faas/service-kit';
import type * as config from './config.js';
import type * as credentials from './credentials.js';
import type * as watchdog from './watchdog-command.js';

/** The provider's parsed configuration. */
export const LocalProviderConfig = Symbol('LocalProviderConfig');
export type LocalProviderConfig = config.LocalProviderConfig;
/** The process logger. */
export const Logger = Symbol('Logger');
export type Logger = kit.Logger;
/** The environment functions inherit a few variables from (PATH, HOME…). */
export const ParentEnv = Symbol('ParentEnv');
export type ParentEnv = Record<string, string | undefined>;
/** How to start one watchdog. */
export const WatchdogCommand = Symbol('WatchdogCommand');
export type WatchdogCommand = watchdog.WatchdogCommand;
/** The basic-auth credentials `/system/*` requires; undefined when `basic_auth=false`. */
export const Credentials = Symbol('Credentials');
export type Credentials = credentials.ResolvedCredentials | undefined;
/** The HTTP app over the roles. */
export const ProviderApp = Symbol('ProviderApp');
export type ProviderApp = http.ProviderApp;
