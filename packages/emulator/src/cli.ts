#!/usr/bin/env node
// Runs on import too: the root `pnpm pixelpair emulator` script imports this file as a bin.
import { runEmulatorCli } from './run-cli.js';

runEmulatorCli(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`pixelpair-emulator: ${(error as Error).message}`);
  process.exit(1);
});
