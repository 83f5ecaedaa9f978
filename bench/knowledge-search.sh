#!/usr/bin/env bash
# Search latency over the demo company's knowledge base [知识库] (issue 23): on a private copy of the system, waits for
# the demo company's year to be played (its knowledge base written, its last unit registered), then times Chinese
# searches through the gateway, signed in, one request after another on one connection: p50 and p99 per query length
# (2, 4 and 8 characters, each query a string the demo's pages hold), beside the baseline of the same run — the list
# of spaces, the cheapest signed-in read of the same service through the same path.
#
#   bench/knowledge-search.sh [rounds per query, default 50]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/system.sh
rounds=${1:-50}

start_system
echo "machine: $(nproc) cores; waiting for the demo company's year to be played"
GATEWAY=$gateway JINGONG_DATA=$work/data ROUNDS=$rounds python3 - <<'PY'
import http.client, json, os, subprocess, time, urllib.parse

gateway = urllib.parse.urlparse(os.environ["GATEWAY"])
rounds = int(os.environ["ROUNDS"])
connection = http.client.HTTPConnection(gateway.hostname, gateway.port, timeout=60)

token = os.environ["JINGONG_ACCESS_TOKEN"]

def get(path, signed_in_again=False):
    global token
    connection.request("GET", path, None, {"Authorization": "Bearer " + token})
    answer = connection.getresponse()
    data = answer.read()
    # Access tokens are short-lived and the demo's year takes longer than one: sign in again once when one expires.
    if answer.status == 401 and not signed_in_again:
        token = subprocess.run(["scripts/sign-in.sh"], capture_output=True, text=True, check=True).stdout.strip()
        return get(path, True)
    if answer.status != 200:
        raise RuntimeError(f"GET {path} → {answer.status}: {data[:300]!r}")
    return json.loads(data)

# The demo plays its knowledge base near the end of its year and registers its last unit (the 300th) last of all.
deadline = time.time() + 3600
while sum(count["count"] for count in get("/api/fleet/inventory/counts")) < 300:
    if time.time() > deadline:
        raise SystemExit("the demo company was not played within an hour")
    time.sleep(5)

spaces = get("/api/knowledge/spaces?pageSize=100")["items"]
pages = sum(len(get(f"/api/knowledge/spaces/{space['id']}/tree")["pages"]) for space in spaces)
print(f"demo knowledge base: {len(spaces)} spaces, {pages} top-level pages")

def timed(path):
    started = time.perf_counter()
    answer = get(path)
    return (time.perf_counter() - started) * 1000, answer

def percentiles(samples):
    ordered = sorted(samples)
    return ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]

queries = {
    2: ["电池", "矿卡", "出差", "安全", "液冷", "展会"],
    4: ["出差补助", "电池升级", "换电标准", "安全规范", "露天煤矿", "续航提升"],
    8: ["进入矿区必须佩戴", "重载下坡能量回收", "电芯价格较年初下", "非道路移动机械碳", "高压部件检修前断", "电池热管理成为矿"],
}
baseline_path = "/api/knowledge/spaces?pageSize=100"
# The baseline is asked as often as each query length, and every kind in turn within each round, so that whatever the
# system still does after the play (its projections catching up) weighs on all alike rather than on whichever runs first.
kinds = {"baseline: list of spaces": [baseline_path] * 6}
hits = {}
for length, words in queries.items():
    kinds[f"search, {length} characters"] = ["/api/knowledge/search?q=" + urllib.parse.quote(word) for word in words]
    for word in words:
        first = get("/api/knowledge/search?q=" + urllib.parse.quote(word))
        hits[word] = first["total"] if "total" in first else len(first["items"])
        if hits[word] == 0:
            raise SystemExit(f"{word} finds nothing in the demo's knowledge base: the query set is stale")
for paths in kinds.values():
    for path in paths:
        for _ in range(3):
            timed(path)
samples = {kind: [] for kind in kinds}
for _ in range(rounds):
    for kind, paths in kinds.items():
        samples[kind] += [timed(path)[0] for path in paths]
b50, _ = percentiles(samples["baseline: list of spaces"])
for kind, taken in samples.items():
    p50, p99 = percentiles(taken)
    length = next((length for length in queries if kind == f"search, {length} characters"), None)
    found = "" if length is None else f"; {p50 / b50:.1f}× the baseline's p50; hits per query {min(hits[w] for w in queries[length])}–{max(hits[w] for w in queries[length])}"
    print(f"{kind:<28} p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  ({len(taken)} requests{found})")
PY
