#!/usr/bin/env bash
# The benchmark (issue 12): starts a private copy of the whole system as the tests do, measures each figure beside its
# baseline in the same run, prints the tables, saves bench/results/bench-<time>.json, and exits 1 if a target is missed.
# Targets and method: bench/README.md. Takes about 10 minutes on a 2-core machine.
#
#   bench/run.sh                                   # defaults: --seconds 20 --clients 64 --rate 200 --messages 20000 --events 1000000
#   bench/run.sh --events 200000 --seconds 10      # a quicker look
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-prerequisites.sh
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
# Release: the figures are of the code as it would run, not of the debugger-friendly build (the system it starts is
# built and run in the bench's own configuration).
dotnet build bench/JinGong.Bench/JinGong.Bench.csproj -c Release --nologo -clp:ErrorsOnly
exec dotnet bench/JinGong.Bench/bin/Release/net10.0/JinGong.Bench.dll "$@"
