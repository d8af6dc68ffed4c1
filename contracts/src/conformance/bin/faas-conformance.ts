#!/usr/bin/env node
// The faas-conformance command: checks any provider at a URL against the provider contract.
import { runCli } from '../cli.js';

process.exitCode = await runCli(process.argv.slice(2), (line) => console.log(line));
