#!/usr/bin/env bash
# Runs the whole Thywill.Blazor test suite: build (warnings are errors), publish the Host for the
# Production check, then unit, component, integration and Playwright e2e tests.
# The storage tests get a throwaway PostgreSQL of their own on 127.0.0.1, kept in /tmp (never in the
# clone, which its user may not be able to reach), stopped and removed at the end (.ci/servers.sh).
# The Redis engine's tests and the cluster tests start their own redis-server and nginx on free
# loopback ports (TestRedisServer, the e2e cluster); this script only makes sure both are installed.
# As root it installs what is missing (Chromium, PostgreSQL, Redis, nginx); otherwise it says exactly
# what to install.
# Ends with one line of totals: "N passed, N failed" (", N skipped" when any).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
out="$root/.ci/out"

give_up() {
    echo "0 passed, 1 failed"
    exit 1
}

# The servers the tests need: started outside the clone, stopped and removed by a trap.
# shellcheck source=.ci/servers.sh
. "$root/.ci/servers.sh"

# ./test.sh --servers-only: only start the test servers, check that they serve, and stop them (what
# the full run checks from a clone in a 0700 directory).
mode=all
case "${1:-}" in
    "") ;;
    --servers-only) mode=servers out="$root/.ci/out/servers-only" ;;
    *) echo "usage: $0 [--servers-only]" >&2; exit 2 ;;
esac
servers_ledger="$out/servers.ledger"

# A killed run may have left servers running: stop them and remove their files before anything else.
for ledger in "$servers_ledger" "$root/.ci/out/servers-only/servers.ledger"; do
    servers_ledger="$ledger" servers_clean_leftovers
done
rm -rf "$out"
mkdir -p "$out"
trap servers_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# ---- prerequisites -------------------------------------------------------------------------
# THYWILL_TEST_POSTGRES already set: the storage tests use that server (its role must be allowed to
# create databases) and none is installed or started here.
chromium="${THYWILL_CHROMIUM:-/usr/bin/chromium}"
packages=()
[ "$mode" = servers ] || [ -x "$chromium" ] || packages+=(chromium)
[ -n "${THYWILL_TEST_POSTGRES:-}" ] || find_postgres >/dev/null || packages+=(postgresql)
redis_server="${THYWILL_REDIS_SERVER:-$(command -v redis-server || echo /usr/bin/redis-server)}"
nginx="${THYWILL_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
[ "$mode" = servers ] || [ -x "$redis_server" ] || packages+=(redis-server)
[ "$mode" = servers ] || [ -x "$nginx" ] || packages+=(nginx)

if [ "$mode" = all ] && ! command -v dotnet >/dev/null 2>&1; then
    echo "Missing: the .NET 10 SDK (dotnet) ${packages[*]}" >&2
    echo "The .NET 10 SDK: https://dotnet.microsoft.com/download (dotnet must be on PATH)" >&2
    [ ${#packages[@]} -eq 0 ] || echo "Install as root: apt-get install -y ${packages[*]}" >&2
    give_up
fi

if [ ${#packages[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "== installing ${packages[*]} (Debian packages)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >"$out/apt.log" 2>&1 && apt-get install -y -qq "${packages[@]}" >>"$out/apt.log" 2>&1 || {
            echo "apt-get could not install ${packages[*]}; see $out/apt.log" >&2
            give_up
        }
        [ -x "$chromium" ] || chromium=/usr/bin/chromium
        [ -x "$redis_server" ] || redis_server=/usr/bin/redis-server
        [ -x "$nginx" ] || nginx=/usr/sbin/nginx
        # The packages start their own services; the tests start servers of their own.
        for service in redis-server nginx; do
            if [[ " ${packages[*]} " == *" $service "* ]]; then
                service "$service" stop >>"$out/apt.log" 2>&1 || pkill -x "$service" >>"$out/apt.log" 2>&1 || true
            fi
        done
        # Installing postgresql may start the package's own cluster; the tests start one of their own.
        if [[ " ${packages[*]} " == *" postgresql "* ]] && command -v pg_lsclusters >/dev/null 2>&1; then
            pg_lsclusters --no-header | awk '$4 == "online" { print $1, $2 }' | while read -r version cluster; do
                pg_ctlcluster "$version" "$cluster" stop >>"$out/apt.log" 2>&1
            done
        fi
    else
        echo "Missing: ${packages[*]}" >&2
        echo "Install as root: apt-get install -y ${packages[*]}" >&2
        [[ " ${packages[*]} " == *" chromium "* ]] && echo "  (or set THYWILL_CHROMIUM to a Chromium executable)" >&2
        [[ " ${packages[*]} " == *" postgresql "* ]] && echo "  (or set THYWILL_TEST_POSTGRES to a PostgreSQL connection string whose role may create databases)" >&2
        [[ " ${packages[*]} " == *" redis-server "* ]] && echo "  (or set THYWILL_REDIS_SERVER to a redis-server executable)" >&2
        [[ " ${packages[*]} " == *" nginx "* ]] && echo "  (or set THYWILL_NGINX to an nginx executable)" >&2
        give_up
    fi
fi
export THYWILL_CHROMIUM="$chromium" THYWILL_REDIS_SERVER="$redis_server" THYWILL_NGINX="$nginx"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# ---- --servers-only ------------------------------------------------------------------------
if [ "$mode" = servers ]; then
    if [ -n "${THYWILL_TEST_POSTGRES:-}" ]; then
        echo "THYWILL_TEST_POSTGRES is set: the tests use that server and none is started here." >&2
        echo "0 passed, 0 failed, 1 skipped"
        exit 0
    fi
    echo "== start PostgreSQL on 127.0.0.1 (state in /tmp, logs in $out/pg)"
    if start_postgres && check_postgres; then
        state="$pg_state"
        servers_stop
        if [ -e "$state" ]; then
            echo "The PostgreSQL state directory $state is still there after the stop." >&2
            echo "0 passed, 1 failed"
            exit 1
        fi
        echo "1 passed, 0 failed"
        exit 0
    fi
    tail -20 "$out"/pg/*.log "${pg_state:-/nonexistent}"/*.log 2>/dev/null >&2
    echo "PostgreSQL did not start or serve; see $out/pg/" >&2
    give_up
fi

# ---- build and publish ---------------------------------------------------------------------
echo "== build (Release, warnings are errors)"
if ! dotnet build Thywill.Blazor.sln -c Release -nologo -clp:ErrorsOnly >"$out/build.log" 2>&1; then
    tail -50 "$out/build.log" >&2
    give_up
fi

echo "== publish the Host (checked in Production by the e2e tests)"
if ! dotnet publish Thywill.Blazor.Host/Thywill.Blazor.Host.csproj -c Release --no-build -o "$out/publish" -nologo >"$out/publish.log" 2>&1; then
    tail -50 "$out/publish.log" >&2
    give_up
fi
export THYWILL_PUBLISHED_HOST="$out/publish"
export THYWILL_E2E_ARTIFACTS="$out/playwright-artifacts"

# ---- the test servers from a clone in a 0700 directory ---------------------------------------
# The servers must not depend on where the clone lives: a clone in root's home or in any `mktemp -d`
# folder is mode 0700, which the servers' own users cannot traverse. This run's scripts (as they are
# in the working tree) start them from such a clone; it counts as one test in the totals.
extra_passed=0 extra_failed=0 extra_skipped=0
check_servers_from_private_clone() {
    local dir status=0 line
    dir="$(mktemp -d)" || return 1
    chmod 0700 "$dir"
    if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
        git clone -q "$root" "$dir/clone" >"$out/servers-check.log" 2>&1 || status=1
    else
        mkdir -p "$dir/clone/.ci"
    fi
    if [ "$status" -eq 0 ]; then
        cp "$root/test.sh" "$dir/clone/test.sh" && cp "$root/.ci/servers.sh" "$dir/clone/.ci/servers.sh" &&
            (unset THYWILL_TEST_POSTGRES; "$dir/clone/test.sh" --servers-only) >>"$out/servers-check.log" 2>&1 || status=1
    fi
    line="$(tail -1 "$out/servers-check.log")"
    mkdir -p "$out/servers-check"
    cp -r "$dir/clone/.ci/out/servers-only/." "$out/servers-check/" 2>/dev/null
    rm -rf "$dir"
    [ "$status" -eq 0 ] && [ "$line" = "1 passed, 0 failed" ]
}

echo "== check: the test servers start from a clone in a 0700 directory"
if [ -n "${THYWILL_TEST_POSTGRES:-}" ]; then
    echo "   skipped: THYWILL_TEST_POSTGRES is set, so no server is started here"
    extra_skipped=1
elif check_servers_from_private_clone; then
    extra_passed=1
else
    extra_failed=1
    tail -20 "$out/servers-check.log" >&2
    echo "   failed; see $out/servers-check.log and $out/servers-check/" >&2
fi

# ---- PostgreSQL for the storage tests -------------------------------------------------------
# THYWILL_TEST_POSTGRES set by the caller: the tests use that server. Otherwise a throwaway one,
# stopped when this script ends, however it ends.
if [ -z "${THYWILL_TEST_POSTGRES:-}" ]; then
    echo "== start PostgreSQL on 127.0.0.1 (state in /tmp, logs in $out/pg)"
    if ! start_postgres; then
        tail -20 "$out"/pg/*.log "${pg_state:-/nonexistent}"/*.log 2>/dev/null >&2
        echo "PostgreSQL did not start; see $out/pg/" >&2
        give_up
    fi
fi

# ---- tests ---------------------------------------------------------------------------------
status=0
for project in Thywill.Blazor.Tests/Thywill.Blazor.Tests.csproj bench/Thywill.Blazor.LoadClient.Tests/Thywill.Blazor.LoadClient.Tests.csproj e2e/Thywill.Blazor.E2E.Tests/Thywill.Blazor.E2E.Tests.csproj; do
    name="$(basename "$project" .csproj)"
    echo "== test $name"
    dotnet test "$project" -c Release --no-build -nologo \
        --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
        --results-directory "$out/results" >"$out/$name.log" 2>&1 || status=1
    # Each failure with its message (up to its stack trace), so that CI's output says what failed.
    awk '/^[[:space:]]*(Passed!|Failed!)/ { print; next }
         /^[[:space:]]*Failed / { print; next }
         /^[[:space:]]*Error Message:/ { inmsg = 1; lines = 0; print; next }
         /^[[:space:]]*Stack Trace:/ { inmsg = 0 }
         inmsg && lines < 40 { print; lines++ }' "$out/$name.log" | head -200
done

# ---- totals --------------------------------------------------------------------------------
passed=$extra_passed failed=$extra_failed skipped=$extra_skipped total=$((extra_passed + extra_failed + extra_skipped))
for trx in "$out"/results/*.trx; do
    [ -f "$trx" ] || continue
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
    value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    total=$((total + $(value total)))
    passed=$((passed + $(value passed)))
    failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
    skipped=$((skipped + $(value notExecuted)))
done

if [ "$((total - extra_passed - extra_failed - extra_skipped))" -eq 0 ]; then
    echo "No test ran; see $out/*.log" >&2
    status=1
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # A test host crashed or a project failed to run: count it rather than report a green run.
    failed=1
fi

line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
