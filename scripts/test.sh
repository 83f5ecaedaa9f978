#!/usr/bin/env bash
# Runs every test against a real PostgreSQL and a real RabbitMQ (started by the tests themselves):
# installs what is missing, builds with warnings as errors, runs the tests, prints one closing line
# "N passed, N failed", and makes sure the run left no process behind.
#
#   scripts/test.sh                                   # everything
#   scripts/test.sh --filter "FullyQualifiedName~Infra" # extra arguments go to dotnet test
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/processes-using.sh

scripts/install-prerequisites.sh --tests

# Everything this run creates in temp lives under one folder, so leftovers can be found and removed.
# The postgres user must be able to pass through it to the data folders inside.
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/jingong-run.XXXXXX")
chmod 755 "$run_dir"
results=$run_dir/results
cleanup() {
  local left
  for _ in $(seq 1 30); do
    left=$(processes_using "$run_dir")
    [ -z "$left" ] && break
    sleep 1
  done
  if [ -n "$left" ]; then
    echo "Processes left behind by the test run:" >&2
    for pid in $left; do ps -o pid=,comm= -p "$pid" >&2 || true; done
    leftovers=1
  fi
  rm -rf "$run_dir"
}
leftovers=0
trap cleanup EXIT

dotnet build JinGong.sln --nologo -clp:ErrorsOnly

# Every system a test starts lives minutes: dynamic PGO's instrumented tier and the re-JIT it feeds never pay back
# there, and cost a sixth of the CPU of a business year played on 2 cores (README "Tests"). Inherited by the services
# DCP starts; what users run and the benchmark measure keep the runtime's default.
export DOTNET_TieredPGO=0

status=0
# Two projects at a time: the whole-system ones (AppHost, Flows, Console; listed first in the solution) start several
# systems each, and two at a time keep a 2-core machine busy without starving any of them (four at once left systems
# unhealthy past their start timeout); the services' own projects, on one service host each, fill the other slot.
# The console log is kept too: CI shows only the end of the output, so the failures are repeated there.
TMPDIR=$run_dir dotnet test JinGong.sln --no-build --nologo -m:2 --results-directory "$results" \
  --logger "trx" --logger "console;verbosity=detailed" "$@" 2>&1 | tee "$run_dir/dotnet-test.log" || status=$?

# The console's own unit tests (vitest): its pure logic, without a browser; the browser tests are in the .NET run.
(cd console && npx vitest run --reporter=default --reporter=junit --outputFile.junit="$results/console-junit.xml") || status=$?

passed=0; failed=0; skipped=0
if [ -e "$results/console-junit.xml" ]; then
  suite=$(grep -o '<testsuites [^>]*>' "$results/console-junit.xml")
  total=$(sed -E 's/.* tests="([0-9]+)".*/\1/' <<< "$suite")
  broken=$(( $(sed -E 's/.* failures="([0-9]+)".*/\1/' <<< "$suite") + $(sed -E 's/.* errors="([0-9]+)".*/\1/' <<< "$suite") ))
  passed=$((total - broken)); failed=$broken
fi
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<< "$counters")))
  failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<< "$counters")))
  skipped=$((skipped + $(sed -E 's/.* notExecuted="([0-9]+)".*/\1/' <<< "$counters")))
done

if [ "$failed" -ne 0 ]; then
  # Each failed test with its message and the top of its stack (the full text is above, in the run's own order).
  echo "Failed tests:"
  awk '/^  Failed / { shown = 0; printing = 1 }
       /^  (Passed|Skipped) / { printing = 0 }
       printing && shown < 16 { print; shown++ }' "$run_dir/dotnet-test.log"
  echo "Failed tests, by name:"
  grep -E '^  Failed ' "$run_dir/dotnet-test.log" || true
fi

cleanup
trap - EXIT
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ] || [ "$leftovers" -ne 0 ]; then
  exit 1
fi
