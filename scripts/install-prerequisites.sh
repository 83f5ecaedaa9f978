#!/usr/bin/env bash
# Installs what running and testing JinGong needs on a Debian machine without Docker: PostgreSQL and
# RabbitMQ from Debian's packages (PostgreSQL with PostGIS). Their own system services are not started (the AppHost runs its own
# servers, on random ports, with private data). Safe to run again: it does nothing when all is there.
#
#   scripts/install-prerequisites.sh            # what running the system needs
#   scripts/install-prerequisites.sh --tests    # and what the tests need too: Debian's chromium for the browser tests, kubectl
set -euo pipefail

missing=()
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
{ [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] && command -v epmd >/dev/null; } || missing+=(rabbitmq-server)
# Fleet keeps telematics readings with PostGIS (Debian's postgresql-postgis: the extension for Debian's PostgreSQL).
compgen -G "/usr/share/postgresql/*/extension/postgis.control" >/dev/null || missing+=(postgresql-postgis)
command -v setpriv >/dev/null || missing+=(util-linux)
# Backup and restore (README "Backup and restore"): pgBackRest, and jq and openssl for what it keeps beside its backups.
command -v pgbackrest >/dev/null || missing+=(pgbackrest)
command -v jq >/dev/null || missing+=(jq)
command -v openssl >/dev/null || missing+=(openssl)
if [ "${1:-}" = --tests ]; then
  # Playwright drives the machine's chromium, never a browser it downloads; a CJK font so that screenshots show the
  # console's Chinese labels, not empty boxes.
  command -v chromium >/dev/null || missing+=(chromium)
  [ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
  # The deployable artifact's Kubernetes base is rendered with kubectl's kustomize (offline; no cluster is reached).
  command -v kubectl >/dev/null || missing+=(kubernetes-client)
fi

if ! command -v dotnet >/dev/null; then
  echo "The .NET SDK is missing: install the version global.json names (10.0.401)." >&2
  exit 1
fi

# The gateway's build builds the web console with npm (Vite 8 wants Node.js 20.19 or later; Debian's own is older).
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null \
  || ! command -v npm >/dev/null; then
  echo "Node.js 20.19 or later with npm is missing: the web console (console/) is built with it." >&2
  exit 1
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing packages: ${missing[*]}. Run this script as root (or: sudo apt-get install ${missing[*]})." >&2
  exit 1
fi

echo "Installing ${missing[*]} from Debian's packages..."
# Keep apt from starting the packages' system-wide servers: they would hold the default ports and
# outlive everything we run. Only when no policy is in place already.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  trap 'rm -f "$policy"' EXIT
fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine's own apt (unattended upgrades, another install) may hold dpkg's lock for a while: wait for it.
wait_for_lock=(-o DPkg::Lock::Timeout=600)
apt-get "${wait_for_lock[@]}" update -qq
apt-get "${wait_for_lock[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed ${missing[*]}."
