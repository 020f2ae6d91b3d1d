#!/usr/bin/env bash
# Installs what the real-editor tests need (npm run test:editors), idempotently:
#   Debian: chromium (Playwright drives it), fonts-nanum (Hangul glyphs in the screenshots), neovim (0.7.2, LSP
#           client), libkrb5-dev + ripgrep (code-server build deps)
#   npm:    code-server 4.100.3 (= VS Code 1.100.3, the last release for Node 20) in its OWN folder, outside the
#           project's dependencies: $POLICY_LENS_CS_DIR (default $HOME/.cache/policy-lens/code-server).
# Needs root (apt). Re-running is cheap: apt is a no-op and code-server is skipped when the right version is there.
set -euo pipefail
CS_VERSION=4.100.3
CS_DIR=${POLICY_LENS_CS_DIR:-$HOME/.cache/policy-lens/code-server}
t0=$SECONDS

if [ "${SKIP_APT:-0}" != 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends chromium neovim libkrb5-dev ripgrep fonts-nanum >/dev/null
  echo "install-editors: apt done ($((SECONDS - t0))s)"
fi

cs_bin="$CS_DIR/node_modules/.bin/code-server"
# Version from package.json: `code-server --version` would write a config file into ~/.config.
installed_version() { node -p "require('$CS_DIR/node_modules/code-server/package.json').version" 2>/dev/null || true; }
if [ -x "$cs_bin" ] && [ "$(installed_version)" = "$CS_VERSION" ]; then
  echo "install-editors: code-server $CS_VERSION already in $CS_DIR"
else
  mkdir -p "$CS_DIR"
  cd "$CS_DIR"
  [ -f package.json ] || echo '{"name":"policy-lens-code-server-host","private":true}' > package.json
  # @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable) unless its cache already holds the tarball;
  # the cache lives in $TMPDIR, so point TMPDIR at a private folder and build the tarball from Debian's rg.
  export TMPDIR="$CS_DIR/.tmp"
  rg_cache="$TMPDIR/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$rg_cache"
  tar czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
  # unsafe_perm: code-server's postinstall refuses to run as root otherwise.
  # yes: node-pty's postinstall runs `npx node-gyp`, which would prompt (and a user npmrc may set yes=false).
  npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CS_VERSION"
  test -x node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg
  rm -rf "$TMPDIR"
  echo "install-editors: code-server installed ($((SECONDS - t0))s)"
fi
echo "code-server $(installed_version), $(chromium --version 2>/dev/null), $(nvim --version | head -1)"
echo "install-editors: ready in $((SECONDS - t0))s (code-server: $cs_bin)"
