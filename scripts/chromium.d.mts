// The types of scripts/chromium.mjs, for the TypeScript tests that import it.
import type { BrowserContext } from "playwright-core";

export declare const CHROMIUM_FLAGS: readonly string[];
export declare function chromiumPath(): string | undefined;
export declare function launchOffline(profile: string, viewport: { width: number; height: number }): Promise<BrowserContext>;
