import { defineConfig, devices } from "@playwright/test";

// Each run gets its own port, data folder and build folder, so that runs started side by side do not collide.
// The main process picks the port; workers inherit it through the environment.
process.env.E2E_PORT ??= String(3210 + (process.pid % 700));
const PORT = Number(process.env.E2E_PORT);
export const BASE_URL = `http://localhost:${PORT}`;

// The suite runs the studio exactly as a new user does (`npm start`, embedded database) in a fresh data folder.
export default defineConfig({
  testDir: "e2e",
  outputDir: `test-results/e2e-${PORT}`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: `rm -rf .data-e2e-${PORT} && npm start`,
    url: `${BASE_URL}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      DATA_DIR: `.data-e2e-${PORT}`,
      NEXT_DIST_DIR: process.env.CI ? ".next" : `.next-e2e-${PORT}`,
      STUDIO_TEST_MODE: "1",
      STUDIO_INIT_USER_EMAIL: "admin@e2e.test",
      STUDIO_INIT_USER_PASSWORD: "e2e admin password",
      STUDIO_INIT_WORKSPACE: "e2e-seed",
      STUDIO_INIT_API_TOKEN: "sst_e2e_seed_token_0123456789abcdefghij",
      DATABASE_URL: "",
    },
  },
});
