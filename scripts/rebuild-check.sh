#!/usr/bin/env bash
# Rebuilds every projection of the running system's services from zero into a shadow schema and compares each with
# the live one row by row; prints "equal" or the differing keys per projection, and exits 1 if any differs.
# Reads the live store at one instant and writes only to the schema rebuild_shadow of each service's database (kept
# after a difference, for inspection; dropped otherwise).
#
#   scripts/rebuild-check.sh                          # every service, through the gateway at http://localhost:5080
#   scripts/rebuild-check.sh fleet okr                # some of them
#   GATEWAY=http://localhost:8080 scripts/rebuild-check.sh
#
# It is an administrator's command: it signs in as the administrator (scripts/sign-in.sh), or uses
# $JINGONG_ACCESS_TOKEN when set.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
gateway=${GATEWAY:-http://localhost:5080}
token=${JINGONG_ACCESS_TOKEN:-$(GATEWAY=$gateway scripts/sign-in.sh)}
services=("$@")
[ ${#services[@]} -eq 0 ] && services=(fleet orders dispatch okr knowledge)

status=0
for service in "${services[@]}"; do
  report=$(curl -sS --fail-with-body --max-time 3600 -H "Authorization: Bearer $token" -X POST "$gateway/api/$service/projections/rebuild-check") || {
    echo "$service: the check could not run: $report" >&2
    status=2
    continue
  }
  jq -r '"\(.service): \(.events) events up to sequence \(.highestSequence)",
    (.projections[] | "  \(.projection | . + " " * (20 - length)) \(.liveRows) rows, rebuilt in \(.seconds) s (\(.eventsPerSecond) events/s): " +
      (if .equal then "equal" else "\(.differingCount) differing: \(.differingKeys | join(", "))" end))' <<< "$report"
  [ "$(jq -r .equal <<< "$report")" = true ] || status=1
done
exit $status
