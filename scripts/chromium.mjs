// Debian's Chromium for the HTML report, driven by playwright-core and launched alike by the
// browser tests (test/helpers/browser.ts), the bench (bench/html-report.mjs) and the README's
// screenshots (scripts/report-screenshots.mjs): found on PATH (never a downloaded browser),
// offline, with flags that keep it from reaching out (no background networking, component
// updates, sync or QUIC) and let it run as root without a sandbox (the CI runs as root).
import { accessSync, constants } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Debian's chromium (or Ubuntu's chromium-browser) as PATH finds it, or undefined. */
export function chromiumPath() {
  for (const name of ["chromium", "chromium-browser"]) {
    for (const dir of (process.env.PATH ?? "").split(":").filter(Boolean)) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not in this directory
      }
    }
  }
  return undefined;
}

/** A fresh browser on the profile directory `profile`, offline, its window `viewport`. */
export function launchOffline(profile, viewport) {
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath() ?? "chromium",
    args: CHROMIUM_FLAGS,
    headless: true,
    viewport,
    offline: true,
  });
}
