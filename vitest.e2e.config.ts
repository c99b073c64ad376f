// End-to-end tests: real headless Chromium (Debian `chromium`) against the production build,
// and checks that need poppler's pdftoppm. See README "Tests".
import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/setup/global-setup.ts", "test/e2e/server-setup.ts"],
    setupFiles: ["test/setup/db-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: "forks",
  },
});
