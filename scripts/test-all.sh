#!/usr/bin/env bash
# npm test — every test: types, lint, data-layer tests on PostgreSQL and on the embedded PGlite, browser and HTTP tests.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "prisma generate"
npm run -s db:generate >/dev/null
step "type-check"
npm run -s typecheck
step "lint"
npm run -s lint
step "unit and integration tests on PostgreSQL (${TEST_DATABASE_URL:-local server})"
npx vitest run
step "unit and integration tests on the embedded PGlite"
TEST_DB=pglite npx vitest run
step "browser and HTTP tests (Playwright, Chromium)"
npx playwright test
