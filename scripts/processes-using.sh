# shellcheck shell=bash
# Sourced by test.sh and wipe-data.sh. Prints the PIDs of living processes whose command line or
# environment names a folder (our servers carry their data folder in both), leaving out this shell's
# own grep, which names it too.
processes_using() {
  local folder=$1 pid
  for pid in $(grep -l -a -F "$folder" /proc/[0-9]*/cmdline /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3 | sort -u); do
    [ "$pid" = "$$" ] && continue
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = grep ] && continue
    # A zombie has ended; only its parent's bookkeeping is left.
    [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ] && continue
    [ -d "/proc/$pid" ] && echo "$pid"
  done
  return 0
}
