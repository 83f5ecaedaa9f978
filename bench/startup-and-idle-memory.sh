#!/usr/bin/env bash
# Measures two figures of the whole system on this machine and prints them:
#   - start to healthy: from starting the built AppHost until it reports every resource healthy;
#   - idle memory: proportional set size (PSS, shared pages split fairly) of every process the AppHost
#     started (DCP, dashboard, PostgreSQL, RabbitMQ, services, gateway), after it has idled a while.
# It uses a private data folder and random ports, so it can run beside a dev AppHost, and stops the
# system with SIGTERM at the end.
#
#   bench/startup-and-idle-memory.sh [idle seconds, default 30]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
idle=${1:-30}

source bench/system.sh
start_system
sleep "$idle"

# The AppHost, the DCP that monitors it, and all their descendants.
tree=$(ps -eo pid=,ppid=,args= | awk -v root=$apphost '
  { pid[NR]=$1; ppid[NR]=$2; line[NR]=$0 }
  END {
    keep[root]=1
    for (i=1;i<=NR;i++) if (line[i] ~ ("--monitor " root " ")) keep[pid[i]]=1
    do { changed=0; for (i=1;i<=NR;i++) if (!keep[pid[i]] && keep[ppid[i]]) { keep[pid[i]]=1; changed=1 } } while (changed)
    for (p in keep) if (keep[p] == 1) print p
  }')

printf '%-22s %10s\n' process "PSS (MiB)"
for pid in $tree; do
  pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || true)
  name=$(cat "/proc/$pid/comm" 2>/dev/null || true)
  [ -n "$pss" ] && [ -n "$name" ] && echo "$name $pss"
done | awk '{ sum[$1]+=$2 } END { for (n in sum) printf "%-22s %10.1f\n", n, sum[n]/1024 }' | sort -k2 -nr
total=$(for pid in $tree; do awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null; done | awk '{s+=$1} END {print s}')

echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
printf 'start to healthy: %.1f s\n' "$(echo "$up - $started" | bc)"
printf 'idle memory after %s s (PSS, all processes): %.0f MiB\n' "$idle" "$(echo "$total / 1024" | bc -l)"
