#!/usr/bin/env bash
# Time to answer fleet utilization through the gateway over N vehicles (default 500) with a year of back-dated history
# each — loans and returns, maintenance (some during a loan), a few sold, and telematics batches every D days (default
# 7) with a reading every 6 hours — on a private copy of the system. Everything is entered through the public API
# first, four vehicles at a time, each vehicle's commands in business-time order.
#
#   bench/utilization.sh [vehicles, default 500] [days per telematics batch, default 7]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/system.sh
vehicles=${1:-500}
batch_days=${2:-7}

start_system
echo "machine: $(nproc) cores; $vehicles vehicles with a year of history, a telematics batch every $batch_days days"
GATEWAY=$gateway VEHICLES=$vehicles BATCH_DAYS=$batch_days python3 - <<'PY'
import concurrent.futures, http.client, json, os, random, statistics, threading, time, urllib.parse
from datetime import datetime, timedelta, timezone

gateway = urllib.parse.urlparse(os.environ["GATEWAY"])
vehicles, batch_days = int(os.environ["VEHICLES"]), int(os.environ["BATCH_DAYS"])
now = datetime.now(timezone.utc).replace(microsecond=0)
start, end = now - timedelta(days=366), now - timedelta(hours=1)
models, regions = ["MT-90E", "MT-60E", "WL-50E", "WL-30E", "EX-35E"], ["east", "north", "south", "west"]
local = threading.local()

def iso(t): return t.isoformat().replace("+00:00", "Z")

def call(method, path, body=None):
    if not hasattr(local, "connection"):
        local.connection = http.client.HTTPConnection(gateway.hostname, gateway.port, timeout=60)
    local.connection.request(method, path, None if body is None else json.dumps(body), {"Content-Type": "application/json", "Authorization": "Bearer " + os.environ["JINGONG_ACCESS_TOKEN"]})
    answer = local.connection.getresponse()
    data = answer.read()
    if answer.status >= 300:
        raise RuntimeError(f"{method} {path} → {answer.status}: {data[:300]!r}")
    return data

def history(i):
    """One vehicle's commands as (business time, path, body), in time order."""
    rnd = random.Random(i)
    code, base = f"UB-{i:05d}", "/api/fleet/vehicles"
    at = start + timedelta(hours=rnd.randint(0, 72))
    commands = [(at, base, {"code": code, "model": models[i % len(models)], "category": "bench", "region": regions[i % len(regions)],
                            "warehouse": f"{regions[i % len(regions)]}-1", "occurredAt": iso(at)})]
    working = []  # (from, to): on loan and not in the workshop, when the meter runs fast
    sold_at = start + timedelta(days=rnd.uniform(200, 350)) if rnd.random() < 0.1 else None
    stop = sold_at or end - timedelta(days=2)
    loans = 0
    while True:
        at += timedelta(days=rnd.uniform(2, 20))
        if at >= stop - timedelta(days=35):
            break
        if rnd.random() < 0.15:  # a service in the workshop between loans
            back = at + timedelta(days=rnd.uniform(1, 4))
            commands += [(at, f"{base}/{code}/maintenance", {"reason": "service", "occurredAt": iso(at)}),
                         (back, f"{base}/{code}/maintenance/close", {"outcome": "done", "occurredAt": iso(back)})]
            at = back
            continue
        loans += 1
        loan, returned = f"L{loans}", at + timedelta(days=rnd.uniform(3, 30))
        commands.append((at, f"{base}/{code}/loans", {"loanId": loan, "borrower": "bench", "site": "bench", "dueDate": returned.date().isoformat(), "occurredAt": iso(at)}))
        if rnd.random() < 0.2:  # repaired on site during the loan
            opened = at + (returned - at) / 3
            closed = opened + timedelta(days=1)
            commands += [(opened, f"{base}/{code}/maintenance", {"reason": "on-site repair", "occurredAt": iso(opened)}),
                         (closed, f"{base}/{code}/maintenance/close", {"outcome": "fixed", "occurredAt": iso(closed)})]
            working += [(at, opened), (closed, returned)]
        else:
            working.append((at, returned))
        commands.append((returned, f"{base}/{code}/loans/return", {"loanId": loan, "hoursUsed": 0, "occurredAt": iso(returned)}))
        at = returned
    if sold_at:
        reserved = max(at, sold_at) + timedelta(hours=1)
        delivered = reserved + timedelta(days=3)
        commands += [(reserved, f"{base}/{code}/reservation", {"orderId": f"O-{code}", "occurredAt": iso(reserved)}),
                     (delivered, f"{base}/{code}/delivery", {"orderId": f"O-{code}", "customer": "bench", "site": "bench", "occurredAt": iso(delivered)})]
    # Telematics every batch_days, a reading every 6 h: 2–3 h per 6 while working, a little otherwise.
    hours, reading, batch = 1000.0, commands[0][0] + timedelta(hours=1), 0
    while reading + timedelta(days=batch_days) < end:
        points = []
        for _ in range(batch_days * 4):
            busy = any(a <= reading < b for a, b in working)
            hours += rnd.uniform(2, 3) if busy else rnd.uniform(0, 0.2)
            points.append({"at": iso(reading), "operatingHours": round(hours, 2), "latitude": 40.0, "longitude": 120.0})
            reading += timedelta(hours=6)
        batch += 1
        commands.append((reading - timedelta(hours=6), f"{base}/{code}/usage", {"batchId": f"B{batch}", "points": points}))
    return sorted(commands, key=lambda command: command[0])

def enter(i):
    commands = history(i)
    for _, path, body in commands:
        call("POST", path, body)
    return len(commands)

began = time.perf_counter()
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    sent = sum(pool.map(enter, range(vehicles)))
print(f"entered {sent} commands for {vehicles} vehicles in {time.perf_counter() - began:.0f} s")

def measure(name, path, runs=10):
    call("GET", path)  # warm-up: JIT, connections, plans
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        body = call("GET", path)
        times.append((time.perf_counter() - began) * 1000)
    figure = json.loads(body)
    rows = len(figure.get("rows", figure.get("periods", [])))
    print(f"{name:<34} median {statistics.median(times):6.0f} ms, worst {max(times):6.0f} ms of {runs} ({rows} rows, {len(body) // 1024} KiB)")

print(f"load average (1, 5, 15 min) before the answers: {', '.join(f'{load:.1f}' for load in os.getloadavg())}")
year = f"from={(now - timedelta(days=365)).date().isoformat()}&to={now.date().isoformat()}"
measure("fleet × 1 year, by model", f"/api/fleet/utilization?{year}&groupBy=model")
measure("fleet × 1 year, by vehicle", f"/api/fleet/utilization?{year}&groupBy=vehicle")
measure("fleet × 1 year, by region, no maint.", f"/api/fleet/utilization?{year}&groupBy=region&definition=loan-time-excluding-maintenance")
measure("fleet × last month, by region", f"/api/fleet/utilization?period={(now.replace(day=1) - timedelta(days=1)).strftime('%Y-%m')}&groupBy=region")
measure("one vehicle × 1 year, by day", f"/api/fleet/vehicles/UB-00000/utilization?{year}&granularity=day")
PY
