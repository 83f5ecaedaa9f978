#!/usr/bin/env bash
# Vehicle registrations per second through the gateway (each a new stream: validate, append, commit,
# inline snapshot), with 64 concurrent clients for 20 s, on a private copy of the system.
#
#   bench/register-throughput.sh [connections, default 64] [seconds, default 20]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/system.sh
connections=${1:-64}
seconds=${2:-20}
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null

start_system
# A short warm-up so that JIT and connection pools are not what is measured.
wrk -t2 -c8 -d3s -s bench/register.lua "$gateway" >/dev/null
echo "machine: $(nproc) cores; $connections clients for $seconds s through the gateway"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/register.lua "$gateway" | grep -E "Requests/sec|Non-2xx|50%|99%|requests in"
