#!/usr/bin/env node
// The `faas` executable. A committed shim (mode 755) rather than dist/src/main.js itself, because
// `tsc --build` writes files without the executable bit, and `npx faas` after `npm run build`
// must work without an extra chmod step.
import '../dist/src/main.js';
