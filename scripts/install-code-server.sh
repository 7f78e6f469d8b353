#!/usr/bin/env bash
# Installs code-server (a real VS Code 1.100.3: server + web workbench) into .cache/code-server/
# for the integration tests, plus the Debian packages it and the tests need.
# Idempotent: when the right version is already installed and runs, it returns at once.
# See shared/docs/real-vscode-here.md for why each step is needed on these machines.
set -euo pipefail

started=$EPOCHREALTIME
report_time() {
  local elapsed_ms=$(((${EPOCHREALTIME/./} - ${started/./}) / 1000))
  printf 'install-code-server: %s in %d.%03ds\n' "$1" $((elapsed_ms / 1000)) $((elapsed_ms % 1000))
}

readonly version=4.100.3
readonly ripgrep_version=1.15.11
readonly root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly dir=$root/.cache/code-server
readonly bin=$dir/node_modules/.bin/code-server
readonly stamp=$dir/installed.stamp
readonly debian_packages=(libkrb5-dev ripgrep chromium xvfb git)
# Native modules are built for one Node ABI: a different node means a rebuild.
readonly wanted_stamp="code-server $version node $(node --version)"

# Prints e.g. 4.100.3. Without --config it would write ~/.config/code-server/config.yaml (and log so).
installed_version() {
  [[ -x $bin ]] && "$bin" --config "$dir/config.yaml" --version 2>/dev/null | grep -m1 -oE '^[0-9]+\.[0-9]+\.[0-9]+'
}

missing_debian_packages() {
  local installed pkg
  installed=$(dpkg-query -W -f='${db:Status-Status} ${Package}\n' "${debian_packages[@]}" 2>/dev/null |
    awk '$1 == "installed" { print $2 }')
  for pkg in "${debian_packages[@]}"; do
    grep -qx "$pkg" <<<"$installed" || echo "$pkg"
  done
}

missing=$(missing_debian_packages)
# The stamp is written only after the installed binary ran and reported the right version;
# running it again here would cost about a second.
if [[ -z $missing && -x $bin && $(cat "$stamp" 2>/dev/null) == "$wanted_stamp" ]]; then
  report_time "code-server $version already installed"
  exit 0
fi

if [[ -n $missing ]]; then
  echo "install-code-server: installing Debian packages:" $missing
  export DEBIAN_FRONTEND=noninteractive
  # Root (CI, containers) runs apt-get itself; anyone else goes through sudo.
  sudo_if_needed=()
  [[ $EUID -ne 0 ]] && sudo_if_needed=(sudo env DEBIAN_FRONTEND=noninteractive)
  "${sudo_if_needed[@]}" apt-get update -qq
  "${sudo_if_needed[@]}" apt-get install -y -qq "${debian_packages[@]}" >/dev/null
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable here) unless this cached
# tarball exists; it only checks for the file and unpacks it, so Debian's rg serves.
rg_cache=$(node -p 'os.tmpdir()')/vscode-ripgrep-cache-$ripgrep_version
rg_tarball=$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
if [[ ! -s $rg_tarball ]]; then
  rg_staging=$(mktemp -d)
  cp /usr/bin/rg "$rg_staging/rg"
  mkdir -p "$rg_cache"
  tar -czf "$rg_tarball" -C "$rg_staging" rg
  rm -rf "$rg_staging"
fi

mkdir -p "$dir"
# A half-finished earlier install would look satisfied to npm and skip the postinstall builds.
rm -rf "$dir/node_modules" "$dir/package-lock.json" "$stamp"
cat >"$dir/package.json" <<JSON
{
  "name": "code-server-for-tests",
  "private": true,
  "description": "code-server for the Vercel Tokens integration tests; installed by scripts/install-code-server.sh",
  "dependencies": { "code-server": "$version" },
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON

export npm_config_unsafe_perm=true # code-server's postinstall refuses to run as root without it
export npm_config_yes=true         # node-pty's postinstall runs `npx node-gyp`, which would prompt
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# node-gyp would download Node's headers (unreachable); Debian's nodejs ships them.
if [[ $(npm config get nodedir 2>/dev/null) =~ ^(undefined|null|)$ && -f /usr/include/node/node_api.h ]]; then
  export npm_config_nodedir=/usr
fi

echo "install-code-server: installing code-server $version into $dir (compiles native modules, a few minutes)"
log=$dir/install.log
fail() {
  tail -n 60 "$log"
  echo "install-code-server: $1; full log in $log" >&2
  exit 1
}
(cd "$dir" && npm install --no-package-lock --ignore-scripts) >"$log" 2>&1 || fail 'npm install failed'
# code-server's postinstall runs a further `npm install` in lib/vscode, a project root of its own, so
# it needs its own allowScripts policy. It cannot be passed down in the environment: npm rejects an
# inherited allow-scripts setting in project-scoped installs.
echo 'allow-scripts=@parcel/watcher,@vscode/deviceid,@vscode/ripgrep,@vscode/spdlog,@vscode/windows-process-tree,@vscode/windows-registry,kerberos,native-watchdog,node-pty' \
  >"$dir/node_modules/code-server/lib/vscode/.npmrc"
(cd "$dir" && npm rebuild --foreground-scripts) >>"$log" 2>&1 || fail 'building code-server failed'

actual=$(installed_version || true)
if [[ $actual != "$version" ]]; then
  fail "expected code-server $version, got '${actual:-nothing runnable}'"
fi
echo "$wanted_stamp" >"$stamp"
report_time "installed code-server $version"
