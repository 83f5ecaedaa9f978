# shellcheck shell=bash
# Sourced by the bench scripts: starts a private copy of the whole system (own data folder, random
# ports, beside any dev AppHost) and stops it with SIGTERM when the script exits.
# After start_system: $gateway is the gateway's URL, $started and $up the times before and after, and
# $JINGONG_ACCESS_TOKEN the administrator's access token, which curl (below), wrk's scripts and the Python
# drivers send with every request.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_system() {
  scripts/install-prerequisites.sh
  dotnet build JinGong.AppHost/JinGong.AppHost.csproj --nologo -clp:ErrorsOnly >/dev/null
  work=$(mktemp -d "${TMPDIR:-/tmp}/jingong-bench.XXXXXX")
  chmod 755 "$work"
  local log=$work/apphost.log gateway_port
  gateway_port=$(free_port)
  touch "$log"
  started=$(date +%s.%N)
  ASPNETCORE_URLS="http://localhost:$(free_port)" \
  ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://localhost:$(free_port)" \
  ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://localhost:$(free_port)" \
  ASPIRE_ALLOW_UNSECURED_TRANSPORT=true ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true DOTNET_ENVIRONMENT=Development \
    JinGong.AppHost/bin/Debug/net10.0/JinGong.AppHost --Infra=local "--InfraData=$work/data" "--GatewayPort=$gateway_port" > "$log" 2>&1 &
  apphost=$!
  trap 'kill -TERM $apphost 2>/dev/null || true; wait $apphost 2>/dev/null || true; rm -rf "$work"' EXIT
  until grep -q "JinGong is up" "$log"; do
    kill -0 $apphost 2>/dev/null || { echo "the AppHost exited:" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 0.2
  done
  up=$(date +%s.%N)
  gateway=http://localhost:$gateway_port
  JINGONG_ACCESS_TOKEN=$(GATEWAY=$gateway JINGONG_DATA=$work/data scripts/sign-in.sh)
  export JINGONG_ACCESS_TOKEN
  # The warehouse register.lua's vehicles are registered into: a registration into an unknown one is refused (422).
  command curl -sf -o /dev/null -X POST "$gateway/api/fleet/warehouses" -H "Authorization: Bearer $JINGONG_ACCESS_TOKEN" \
    -H 'content-type: application/json' -d '{"code":"bench-1","region":"east","latitude":31.49,"longitude":120.31}'
}

# Every API request of a bench script is a signed-in client's.
curl() { command curl -H "Authorization: Bearer ${JINGONG_ACCESS_TOKEN:-}" "$@"; }
