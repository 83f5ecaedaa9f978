#!/usr/bin/env bash
# Installs what running and testing JinGong needs on a Debian machine without Docker: PostgreSQL and
# RabbitMQ from Debian's packages. Their own system services are not started (the AppHost runs its own
# servers, on random ports, with private data). Safe to run again: it does nothing when all is there.
set -euo pipefail

missing=()
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
{ [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] && command -v epmd >/dev/null; } || missing+=(rabbitmq-server)
command -v setpriv >/dev/null || missing+=(util-linux)

if ! command -v dotnet >/dev/null; then
  echo "The .NET SDK is missing: install the version global.json names (10.0.401)." >&2
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
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed ${missing[*]}."
