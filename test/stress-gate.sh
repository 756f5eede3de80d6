#!/usr/bin/env bash
# Runs a command while two CPU-bound workers load the machine, to prove the gate does not
# depend on timing (issue 15): a test that is not about a timeout must pass on a busy machine.
#
#   test/stress-gate.sh                      # the whole gate, test/run-all.sh
#   test/stress-gate.sh npx vitest run …     # any other command
#
# Starts Debian's stress-ng (installed with apt only when missing) with --cpu 2, runs the
# command, then stops stress-ng by its process id whatever the command's outcome. Exits with
# the command's status.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

workers=${STRESS_CPU_WORKERS:-2}

if ! command -v stress-ng >/dev/null 2>&1; then
  echo "stress-ng is missing; installing it with apt-get."
  as_root=()
  if ((EUID != 0)); then
    if sudo -n true 2>/dev/null; then
      as_root=(sudo -n)
    else
      echo "error: installing stress-ng needs root; run as root or with password-less sudo" >&2
      exit 1
    fi
  fi
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends stress-ng
fi

if (($# == 0)); then
  set -- test/run-all.sh
fi

# No --timeout: it runs until this script stops it, however long the command takes.
stress-ng --cpu "$workers" --quiet &
stress_pid=$!

stop_stress() {
  if kill -0 "$stress_pid" 2>/dev/null; then
    # stress-ng's parent stops its workers when it gets SIGTERM.
    kill -TERM "$stress_pid" 2>/dev/null || true
    wait "$stress_pid" 2>/dev/null || true
  fi
}
trap stop_stress EXIT
trap 'exit 130' INT TERM

# Give the workers a moment to start, and fail early if stress-ng could not run at all.
sleep 1
if ! kill -0 "$stress_pid" 2>/dev/null; then
  echo "error: stress-ng exited at once; the command would run on an idle machine" >&2
  exit 1
fi
echo "stress-ng --cpu $workers running (pid $stress_pid); load average: $(cut -d' ' -f1-3 /proc/loadavg)"

started=$SECONDS
status=0
"$@" || status=$?
echo "Under stress-ng --cpu $workers: '$*' exited with status $status after $((SECONDS - started)) s; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
