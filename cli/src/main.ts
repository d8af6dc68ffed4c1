#!/usr/bin/env node
// The `faas` command line; filled in by the following commits.
process.exitCode = 0;
