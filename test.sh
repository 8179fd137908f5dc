#!/usr/bin/env bash
# Runs the whole Thywill.Blazor test suite: build (warnings are errors), publish the Host for the
# Production check, then unit, component, integration and Playwright e2e tests.
# The storage tests get a throwaway PostgreSQL of their own on 127.0.0.1, stopped at the end.
# As root it installs what is missing (Chromium, PostgreSQL); otherwise it says exactly what to install.
# Ends with one line of totals: "N passed, N failed" (", N skipped" when any).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
out="$root/.ci/out"

give_up() {
    echo "0 passed, 1 failed"
    exit 1
}

# PostgreSQL's server programs: Debian keeps them in /usr/lib/postgresql/<version>/bin (newest wins),
# elsewhere they are on PATH.
find_postgres() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV) "$(dirname "$(command -v initdb 2>/dev/null || echo .)")"; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/psql" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

# initdb and postgres refuse to run as root: as root, run them as Debian's postgres user.
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A killed run may have left its PostgreSQL running on .ci/out/pg: stop it before deleting its files.
if [ -f "$out/pg/data/postmaster.pid" ] && pgbin="$(find_postgres)"; then
    as_postgres "$pgbin/pg_ctl" -D "$out/pg/data" -m immediate -w stop >/dev/null 2>&1
fi
rm -rf "$out"
mkdir -p "$out"

# ---- prerequisites -------------------------------------------------------------------------
# THYWILL_TEST_POSTGRES already set: the storage tests use that server (its role must be allowed to
# create databases) and none is installed or started here.
chromium="${THYWILL_CHROMIUM:-/usr/bin/chromium}"
packages=()
[ -x "$chromium" ] || packages+=(chromium)
[ -n "${THYWILL_TEST_POSTGRES:-}" ] || find_postgres >/dev/null || packages+=(postgresql)

if ! command -v dotnet >/dev/null 2>&1; then
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
        give_up
    fi
fi
export THYWILL_CHROMIUM="$chromium"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

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

# ---- PostgreSQL for the storage tests -------------------------------------------------------
# A throwaway cluster in .ci/out/pg, listening on 127.0.0.1 only (no Unix socket), with a role that may
# create databases (each test class makes its own). Stopped when this script ends, however it ends.
stop_postgres() {
    if [ -f "$out/pg/data/postmaster.pid" ]; then
        as_postgres "$pgbin/pg_ctl" -D "$out/pg/data" -m fast -w stop >/dev/null 2>&1
    fi
}

start_postgres() {
    local superuser_password role_password port attempt
    superuser_password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    role_password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    mkdir -p "$out/pg"
    (umask 077 && echo "$superuser_password" >"$out/pg/superuser-password")
    [ "$(id -u)" -ne 0 ] || chown -R postgres: "$out/pg"

    as_postgres "$pgbin/initdb" -D "$out/pg/data" -U postgres --pwfile="$out/pg/superuser-password" \
        --auth=scram-sha-256 -E UTF8 --locale=C >"$out/pg/initdb.log" 2>&1 || return 1
    rm -f "$out/pg/superuser-password"

    # A free port: try a few at random; a port someone else holds makes postgres exit at once.
    for attempt in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 40000))
        as_postgres "$pgbin/pg_ctl" -D "$out/pg/data" -l "$out/pg/postgres.log" -w -t 30 \
            -o "-h 127.0.0.1 -p $port -k ''" start >>"$out/pg/pg_ctl.log" 2>&1 && break
        port=""
    done
    [ -n "$port" ] || return 1

    # The SQL goes through stdin so that the role's password never shows in the process list.
    PGPASSWORD="$superuser_password" "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 \
        -h 127.0.0.1 -p "$port" -U postgres -d postgres >>"$out/pg/psql.log" 2>&1 <<SQL || return 1
CREATE ROLE thywill LOGIN CREATEDB PASSWORD '$role_password';
CREATE DATABASE thywill OWNER thywill;
SQL
    export THYWILL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=thywill;Password=$role_password;Database=thywill"
}

if [ -z "${THYWILL_TEST_POSTGRES:-}" ]; then
    pgbin="$(find_postgres)"
    trap stop_postgres EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM HUP
    echo "== start PostgreSQL ($pgbin) on 127.0.0.1"
    if ! start_postgres; then
        tail -20 "$out"/pg/*.log >&2
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
    grep -E "^\s*(Failed|Passed!|Failed!|Error Message)|^\s+(Assert|Expected|Actual)" "$out/$name.log" | grep -v "^\s*Passed " | head -60
done

# ---- totals --------------------------------------------------------------------------------
passed=0 failed=0 skipped=0 total=0
for trx in "$out"/results/*.trx; do
    [ -f "$trx" ] || continue
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
    value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    total=$((total + $(value total)))
    passed=$((passed + $(value passed)))
    failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
    skipped=$((skipped + $(value notExecuted)))
done

if [ "$total" -eq 0 ]; then
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
