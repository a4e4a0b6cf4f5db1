#!/usr/bin/env node
// The entry point npm links as `overlay-lesson`: crash handlers, then main, then exit with its
// code. Nothing calls process.exit anywhere else except teardown's last resort.
import { main, scanLang } from "./cli.js";
import { chooseLang, messages } from "./i18n/index.js";
import { registry } from "./sys/cleanup.js";

// Read when a crash happens: by then main() has loaded the learner's catalogue.
const words = (): ReturnType<typeof messages> => messages(chooseLang(scanLang(process.argv.slice(2))));

function crash(error: unknown): void {
  // The reader of our output went away (`| head -1`): not a bug. Tear down and leave as a
  // program killed by SIGPIPE would (128 + 13), with one line saying so.
  if (error instanceof Error && "code" in error && error.code === "EPIPE") {
    registry.teardown();
    process.stderr.write(`overlay-lesson: ${words().errors.outputClosed}\n`);
    process.exit(141);
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`overlay-lesson: ${words().errors.internal(text)}\n`);
  registry.teardown();
  process.exit(1);
}

process.on("uncaughtException", crash);
process.on("unhandledRejection", crash);

main().then(
  (code) => process.exit(code),
  (error: unknown) => crash(error),
);
