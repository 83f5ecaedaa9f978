#!/usr/bin/env bash
# Signs in as a person, the way the console does (authorization code with PKCE through the gateway), and prints the
# access token, for curl and other tools:
#
#   token=$(scripts/sign-in.sh)                                  # administrator, password from .data/, gateway :5080
#   token=$(GATEWAY=http://localhost:8080 scripts/sign-in.sh li.wei 'her password')
#   curl -H "Authorization: Bearer $token" http://localhost:5080/api/fleet/inventory
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
gateway=${GATEWAY:-http://localhost:5080}
user=${1:-administrator}
password=${2:-$(cat "${JINGONG_DATA:-.data}/identity-administrator.password")}

jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
field() { grep -o "name=\"$1\" value=\"[^\"]*\"" | sed 's/.*value="//; s/"$//' | python3 -c 'import html, sys; print(html.unescape(sys.stdin.read().strip()))'; }

verifier=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=\n')
redirect="$gateway/signed-in"
authorize="$gateway/connect/authorize?client_id=jingong-console&response_type=code&scope=openid%20profile%20roles%20api&redirect_uri=$(urlencode "$redirect")&code_challenge=$challenge&code_challenge_method=S256&state=cli"

login=$(curl -sf -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" "$authorize")
page=$(curl -sf -c "$jar" -b "$jar" "$login")
back=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$jar" -b "$jar" \
  --data-urlencode "__RequestVerificationToken=$(field __RequestVerificationToken <<<"$page")" \
  --data-urlencode "returnUrl=$(field returnUrl <<<"$page")" \
  --data-urlencode "username=$user" --data-urlencode "password=$password" "$gateway/account/login")
[ "${back%% *}" = 302 ] || { echo "sign-in refused for $user" >&2; exit 1; }
code=$(curl -sf -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" "${back#* }" | sed 's/.*[?&]code=//; s/&.*//')
curl -sf "$gateway/connect/token" -d grant_type=authorization_code -d client_id=jingong-console -d "code=$code" \
  --data-urlencode "redirect_uri=$redirect" -d "code_verifier=$verifier" | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
