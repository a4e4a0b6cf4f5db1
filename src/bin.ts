#!/usr/bin/env node
// The entry point npm links as `overlay-lesson`: crash handlers, then main, then exit with its
// code. Nothing calls process.exit anywhere else except teardown's last resort.
import { main } from "./cli.js";
import { registry } from "./sys/cleanup.js";

function crash(error: unknown): void {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`overlay-lesson: internal error (a bug, please report it): ${text}\n`);
  registry.teardown();
  process.exit(1);
}

process.on("uncaughtException", crash);
process.on("unhandledRejection", crash);

main().then(
  (code) => process.exit(code),
  (error: unknown) => crash(error),
);
