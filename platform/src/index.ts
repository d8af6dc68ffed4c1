export { startPlatform } from './platform.js';
export type { Platform, LoggerFor } from './platform.js';
export { ensureCredentials } from './credentials.js';
export type { PlatformCredentials } from './credentials.js';
export { platformConfigTable, loadPlatformConfig } from './config.js';
export type { PlatformComponent } from './component.js';
