#!/usr/bin/env bash
# Time to answer each of orders' figures through the gateway over N orders (default 10,000), each with an
# invoice and a payment, and as many opportunities (won or lost), on a private copy of the system. Everything is
# entered through the public API first.
#
#   bench/orders-figures.sh [orders, default 10000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/system.sh
orders=${1:-10000}
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null

start_system
echo "machine: $(nproc) cores; placing $orders orders, each invoiced and half paid, and as many opportunities closed"
started=$SECONDS
# Each wrk connection runs place → invoice → pay → file → close in turn; wrk stops after a time, so it runs in rounds
# until the orders are there.
count() { curl -sf "$gateway/api/orders/orders?pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }
while (( $(count) < orders )); do
  wrk -t8 -c8 -d10s -s bench/orders.lua "$gateway" >/dev/null
done
echo "placed $(count) orders in $((SECONDS - started)) s"

figure() {
  local name=$1 path=$2 all=()
  for _ in 1 2 3 4 5 6; do
    ms=$(curl -sf -o /dev/null -w '%{time_total}' "$gateway$path" | python3 -c 'import sys; print(round(float(sys.stdin.read())*1000))')
    all+=("$ms")
  done
  printf '%-16s median of 5 after a warm-up: %s ms (runs: %s)\n' "$name" \
    "$(printf '%s\n' "${all[@]:1}" | sort -n | sed -n 3p)" "${all[*]}"
}
year=$(date -u +%Y)
figure collection-rate "/api/orders/figures/collection-rate?period=$year&groupBy=customer"
figure receivables "/api/orders/figures/receivables?groupBy=customer"
figure conversion-rate "/api/orders/figures/conversion-rate?period=$year&groupBy=salesRep"
figure pipeline "/api/orders/figures/pipeline?asOf=$((year - 1))-12-31"
figure order-trends "/api/orders/figures/order-trends?from=$((year - 1))-12&to=$year-12"
