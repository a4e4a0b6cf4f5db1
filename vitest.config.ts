import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // End-to-end tests mount real overlays and time real writes: give them room, and run test
    // files two at a time (the machine has two cores).
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    globalSetup: ["test/global-setup.ts"],
    // The last line of the run says what was skipped and why (test/helpers/needs.ts).
    reporters: ["default", "./test/skip-tally.ts"],
  },
});
