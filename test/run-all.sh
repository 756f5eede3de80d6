#!/usr/bin/env bash
# The whole gate, as README command (b) and .ci/run: system packages (only when missing), npm
# packages, then format check, lint, typecheck, unit tests, production build, the build's first-load
# JavaScript budget (test/build), browser tests.
# Stops at the first failure with a non-zero exit status.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export NEXT_TELEMETRY_DISABLED=1
# Browser tests drive Debian's chromium; Playwright must never fetch its own browsers.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DEBIAN_FRONTEND=noninteractive
# Daemons such as nginx and unbound live in /usr/sbin, which a non-root PATH may lack.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

suite_started=$SECONDS
declare -a timings=()

section() {
  printf '\n\033[1m==> %s\033[0m\n' "$1"
}

# step <title> <command...>: runs one stage and records how long it took.
step() {
  local title=$1
  shift
  section "$title"
  local started=$SECONDS
  "$@"
  timings+=("$(printf '%-32s %4ds' "$title" $((SECONDS - started)))")
}

# Debian packages the tests need, as "command package" pairs. A package is installed only when
# its command is missing, so a prepared machine never touches apt.
readonly system_packages=(
  "chromium chromium"
  "nginx nginx"
  "dnsmasq dnsmasq-base"
  "unbound unbound"
  "openssl openssl"
  # The analyzer's corpus tests capture real log lines and error messages from these.
  "haproxy haproxy"
  "apache2 apache2"
  "curl curl"
  "php-fpm8.2 php-fpm"
  "gunicorn gunicorn"
  "caddy caddy"
  "varnishd varnish"
  # The gateway lab (test/lab/gateways) puts these in front of the failure lab's upstreams.
  "lighttpd lighttpd"
  "squid squid"
  "traffic_server trafficserver"
  "h2o h2o"
  # Probe workers and shared limits (test/unit/distributed): NATS, Redis, and the namespaces'
  # firewall rule.
  "nats-server nats-server"
  "redis-server redis-server"
  "nft nftables"
  "ip iproute2"
)

install_system_packages() {
  local missing=() pair cmd pkg
  for pair in "${system_packages[@]}"; do
    read -r cmd pkg <<<"$pair"
    if command -v "$cmd" >/dev/null 2>&1; then
      echo "ok: $cmd ($(command -v "$cmd"))"
    else
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    echo "All system packages present."
    return
  fi

  echo "Missing: ${missing[*]}"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: apt-get not found; install these packages by hand: ${missing[*]}" >&2
    return 1
  fi
  local -a as_root=()
  if ((EUID != 0)); then
    if sudo -n true 2>/dev/null; then
      as_root=(sudo -n)
    else
      echo "error: installing ${missing[*]} needs root; run as root or with password-less sudo" >&2
      return 1
    fi
  fi

  # The tests start their own nginx and unbound on loopback ports; stop apt from also starting
  # system-wide daemons on ports 80 and 53 (the standard policy-rc.d "deny" answer is 101).
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
    "${as_root[@]}" chmod 755 "$policy"
    added_policy=1
  fi
  local status=0
  "${as_root[@]}" apt-get update -qq || status=$?
  if ((status == 0)); then
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${missing[@]}" || status=$?
  fi
  if ((added_policy)); then
    "${as_root[@]}" rm -f "$policy"
  fi
  ((status == 0)) || return "$status"

  for pair in "${system_packages[@]}"; do
    read -r cmd pkg <<<"$pair"
    if ! command -v "$cmd" >/dev/null 2>&1; then
      echo "error: installed $pkg but the command $cmd is still missing" >&2
      return 1
    fi
  done
  echo "Installed: ${missing[*]}"
}

check_node() {
  if ! command -v node >/dev/null 2>&1; then
    echo "error: Node.js 20.19 or newer is required (https://nodejs.org)" >&2
    return 1
  fi
  node -e '
    const [major, minor] = process.versions.node.split(".").map(Number);
    if (major < 20 || (major === 20 && minor < 19)) {
      console.error(`error: Node.js 20.19 or newer is required, found ${process.versions.node}`);
      process.exit(1);
    }
    console.log(`Node.js ${process.versions.node}`);
  '
}

step "System packages" install_system_packages
step "Node.js" check_node
# npm ci does not work against every registry mirror; npm install honours the committed lockfile.
step "npm packages" npm install --no-audit --no-fund
step "Format check (Prettier)" npm run --silent format:check
step "Lint (ESLint)" npm run --silent lint
step "Typecheck (tsc)" npm run --silent typecheck
step "Unit tests (Vitest)" npm run --silent test:unit
step "Production build (next build)" npm run --silent build
# Reads the build just made: fails when a page's first-load JavaScript passes its budget.
step "First-load JS budget (build)" npx vitest run --config test/build/vitest.config.mts
step "Browser tests (Playwright)" npm run --silent test:e2e

section "Summary"
printf '%s\n' "${timings[@]}"
printf 'All checks passed in %ds.\n' $((SECONDS - suite_started))
