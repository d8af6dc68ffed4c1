// @faas/ui: the web UI as a route module the gateway mounts at /ui/.
export { createUiModule } from './ui-module.js';
export type { UiModule, UiModuleOptions } from './ui-module.js';
export { loadUiAssets, readPrebuilt, toAssets } from './ui-assets.js';
export type { AssetOrigin, UiAsset, UiAssets } from './ui-assets.js';
export { bundleUi } from './bundle.js';
export type { BuiltFile } from './bundle.js';
