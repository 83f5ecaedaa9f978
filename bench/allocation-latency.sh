#!/usr/bin/env bash
# Time from POST of an order (two units, through the gateway) to both units reserved by fleet, as dispatch's
# allocation shows it (orders → bus → dispatch → bus → fleet → bus → dispatch), 20 orders one after another,
# on a private copy of the system.
#
#   bench/allocation-latency.sh [orders, default 20]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/system.sh
orders=${1:-20}

start_system
echo "machine: $(nproc) cores; $orders orders of 2 units, one after another"
GATEWAY=$gateway ORDERS=$orders python3 - <<'PY'
import json, os, statistics, time, urllib.request, uuid

gateway, orders = os.environ["GATEWAY"], int(os.environ["ORDERS"])

def call(method, path, body=None):
    request = urllib.request.Request(gateway + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", "Authorization": "Bearer " + os.environ["JINGONG_ACCESS_TOKEN"]})
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)

region = "bench-" + uuid.uuid4().hex[:6]
codes = []
# Two more orders warm the path up (JIT, connections) and are not counted.
for i in range(2 * (orders + 2)):
    code = f"BN-{uuid.uuid4().hex[:10]}"
    call("POST", "/api/fleet/vehicles", {"code": code, "model": "WL-50E", "category": "loader", "region": region, "warehouse": "bench-1"})
    codes.append(code)
while call("GET", f"/api/dispatch/vehicles?model=WL-50E&region={region}&pageSize=500")["total"] < len(codes):
    time.sleep(0.05)

times = []
for i in range(orders + 2):
    started = time.perf_counter()
    order = call("POST", "/api/orders/orders", {"customer": "bench", "region": region, "salesRep": "bench", "deliverySite": "bench",
                                                 "lines": [{"model": "WL-50E", "quantity": 2, "unitPrice": 500000}]})["id"]
    while True:
        try:
            units = call("GET", f"/api/dispatch/allocations/{order}")["units"]
            if all(unit["status"] == "Reserved" for unit in units):
                break
        except urllib.error.HTTPError:
            pass  # dispatch has not opened the allocation yet
        time.sleep(0.02)  # polling harder would load the services it measures
    if i >= 2:
        times.append((time.perf_counter() - started) * 1000)

print(f"POST order → all lines reserved (polled every 20 ms): median {statistics.median(times):.0f} ms, worst {max(times):.0f} ms, best {min(times):.0f} ms (n={len(times)})")
PY
