#!/usr/bin/env node
// The fundledger command: wires the process to main() in dist/cli/main.js (build first: npm run build).
import { main, streamWriter } from "../dist/cli/main.js";

process.exitCode = await main(process.argv.slice(2), {
  stdout: streamWriter(process.stdout),
  stderr: streamWriter(process.stderr),
  cwd: process.cwd(),
});
