#!/usr/bin/env bash
# Time to answer the OKR board [看板] of a quarter for N people (default 500), each with 3 objectives of 3 key results
# (two checked in by hand, one bound to their units sold), aligned under 50 team objectives and one company
# objective, on a private copy of the system; everything is entered through the gateway's public API first.
# Also times the board filtered to one team, its replay from events, and the fill rate.
#
#   bench/okr-board.sh [people, default 500]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/system.sh
people=${1:-500}

start_system
echo "machine: $(nproc) cores; $people people × 3 objectives × 3 key results"
quarter=$(TZ=Asia/Shanghai date +%Y)-Q$(( ($(TZ=Asia/Shanghai date +%-m) + 2) / 3 ))
started=$SECONDS
GATEWAY=$gateway PEOPLE=$people QUARTER=$quarter python3 - <<'PY'
import json, os, urllib.request
from concurrent.futures import ThreadPoolExecutor

gateway, people, quarter = os.environ["GATEWAY"], int(os.environ["PEOPLE"]), os.environ["QUARTER"]
teams = max(1, people // 10)

def post(path, body):
    request = urllib.request.Request(gateway + path, json.dumps(body).encode(), {"Content-Type": "application/json", "Authorization": "Bearer " + os.environ["JINGONG_ACCESS_TOKEN"]})
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)

roster = [{"id": f"p{n:04d}", "name": f"Person {n}", "team": f"Team {n % teams:02d}", "region": f"Region {n % 6}",
           "manager": None} for n in range(people)]
post("/api/okr/people/import", {"people": roster})
company = post("/api/okr/objectives", {"title": "Sell 4,000 units", "period": quarter, "ownerKind": "team", "owner": "Team 00"})["id"]
with ThreadPoolExecutor(8) as pool:
    team_objectives = dict(zip(range(teams), pool.map(lambda t: post("/api/okr/objectives", {
        "title": f"Team {t:02d}: 80 units", "period": quarter, "ownerKind": "team", "owner": f"Team {t:02d}", "parentId": company})["id"], range(teams))))

def objectives_of(person):
    n = int(person["id"][1:])
    for k in range(3):
        objective = post("/api/okr/objectives", {"title": f"{person['id']} objective {k}", "period": quarter, "ownerKind": "person",
                                                  "owner": person["id"], "parentId": team_objectives[n % teams]})["id"]
        for m in range(2):
            kr = post(f"/api/okr/objectives/{objective}/key-results", {"title": f"manual {m}", "start": 0, "target": 10, "unit": "visits"})["id"]
            post(f"/api/okr/key-results/{kr}/check-ins", {"value": (n + m) % 11, "confidence": 0.6})
        post(f"/api/okr/objectives/{objective}/key-results", {"title": "units sold", "start": 0, "target": 8, "unit": "units",
                                                              "metric": "units-sold", "filter": {"salesRep": person["id"]}})

with ThreadPoolExecutor(8) as pool:
    list(pool.map(objectives_of, roster))
PY
echo "entered in $((SECONDS - started)) s"

timed() {
  local name=$1 path=$2 all=()
  for _ in 1 2 3 4 5 6; do
    all+=("$(curl -sf -o /dev/null -w '%{time_total}' "$gateway$path" | python3 -c 'import sys; print(round(float(sys.stdin.read())*1000))')")
  done
  printf '%-22s median of 5 after a warm-up: %s ms (runs: %s)\n' "$name" \
    "$(printf '%s\n' "${all[@]:1}" | sort -n | sed -n 3p)" "${all[*]}"
}
curl -sf "$gateway/api/okr/board?period=$quarter" | python3 -c 'import json,sys; b=json.load(sys.stdin); print("board:", b["objectives"], "objectives,", b["keyResults"], "key results,", len(json.dumps(b)) // 1024, "KiB")'
timed board "/api/okr/board?period=$quarter"
timed "board of one team" "/api/okr/board?period=$quarter&team=Team%2007"
timed "board replayed" "/api/okr/board/replay?period=$quarter"
timed "fill rate" "/api/okr/fill-rate?period=$quarter"
