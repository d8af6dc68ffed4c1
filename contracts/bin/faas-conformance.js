#!/usr/bin/env node
// The `faas-conformance` executable. A committed shim (mode 755) rather than the compiled file
// itself, so `npm ci` links it into node_modules/.bin before anything is built (npm skips a bin
// whose file does not exist yet) and `npx faas-conformance` runs the kit instead of asking the
// registry; the kit itself is compiled by `npm run build`.
import '../dist/src/conformance/bin/faas-conformance.js';
