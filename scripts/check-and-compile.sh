#!/usr/bin/env bash
# The first layer's checks: ESLint (cached between runs) and the test build, side by side. The test
# build is a full type check too (tsconfig.test.json extends tsconfig.json), so no separate tsc run.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npx eslint --cache --cache-location node_modules/.cache/eslint/ . &
lint=$!
npm run --silent compile-tests
compiled=$?
wait "$lint"
linted=$?
if [ "$linted" -ne 0 ]; then echo "check-and-compile: ESLint found problems" >&2; fi
if [ "$compiled" -ne 0 ]; then echo "check-and-compile: the type check or the test build failed" >&2; fi
[ "$linted" -eq 0 ] && [ "$compiled" -eq 0 ]
