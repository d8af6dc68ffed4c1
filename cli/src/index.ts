// @faas/cli: the `faas` command line. The bin is dist/src/main.js; this entry exposes the parts
// other packages (end-to-end tests) reuse.
export {};
