#!/usr/bin/env bash
# Usage batches per second through the gateway, and the time to read one vehicle-year of hourly points
# as a GeoJSON path: one vehicle, 365 daily batches of 24 points sent one after another, then the whole
# year's trajectory read 10 times. On a private copy of the system.
#
#   bench/usage-and-trajectory.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/system.sh
start_system

code="JG-BENCH-$(date +%s)"
curl -sf -o /dev/null -X POST "$gateway/api/fleet/vehicles" -H 'content-type: application/json' \
  -d "{\"code\":\"$code\",\"model\":\"MT-90E\",\"category\":\"mining-truck\",\"region\":\"north\",\"warehouse\":\"tangshan-1\",\"occurredAt\":\"2025-01-01T00:00:00Z\"}"

batches=$work/batches
mkdir -p "$batches"
python3 - "$batches" <<'PY'
import json, sys, datetime
start = datetime.datetime(2025, 1, 2, tzinfo=datetime.timezone.utc)
for day in range(365):
    points = []
    for hour in range(24):
        i = day * 24 + hour
        at = start + datetime.timedelta(hours=i)
        points.append({"at": at.isoformat(), "operatingHours": round(i * 0.6, 2),
                       "latitude": 39.6 + (i % 500) * 0.0001, "longitude": 118.1 + (i % 700) * 0.0001})
    with open(f"{sys.argv[1]}/{day:03d}.json", "w") as f:
        json.dump({"batchId": f"day-{day:03d}", "points": points}, f)
PY

begin=$(date +%s.%N)
for file in "$batches"/*.json; do
  curl -sf -o /dev/null -X POST "$gateway/api/fleet/vehicles/$code/usage" -H 'content-type: application/json' --data-binary "@$file"
done
end=$(date +%s.%N)

reads=()
for _ in $(seq 1 10); do
  reads+=("$(curl -sf -o "$work/path.json" -w '%{time_total}' "$gateway/api/fleet/vehicles/$code/trajectory")")
done
points=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['geometry']['coordinates']))" "$work/path.json")

echo "machine: $(nproc) cores"
printf 'usage batches (24 points each, one client, through the gateway): %.1f batches/s\n' "$(echo "365 / ($end - $begin)" | bc -l)"
printf 'trajectory of one vehicle-year (%s points): median %.0f ms, worst %.0f ms of 10 reads\n' "$points" \
  "$(printf '%s\n' "${reads[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]*1000}')" \
  "$(printf '%s\n' "${reads[@]}" | sort -n | tail -1 | awk '{print $1*1000}')"
