#!/usr/bin/env sh
# Installs the real Vercel CLI that test/unit/fake-vercel/vercelCli.test.ts runs against the stand-in API.
# Kept out of package.json: it is large (~300 packages) and only this test needs it. Idempotent.
set -eu

VERSION=60.0.1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PREFIX="$ROOT/.cache/vercel-cli"
MANIFEST="$PREFIX/node_modules/vercel/package.json"

if [ -f "$MANIFEST" ] && [ "$(node -p 'require(process.argv[1]).version' "$MANIFEST")" = "$VERSION" ]; then
  echo "vercel@$VERSION already installed in $PREFIX"
  exit 0
fi

npm i --no-save --prefix "$PREFIX" "vercel@$VERSION" --no-audit --no-fund
echo "vercel@$VERSION installed in $PREFIX"
