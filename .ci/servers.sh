# Sourced by test.sh: starts and stops the servers the tests need (PostgreSQL today).
#
# Each server keeps its data directory, sockets and password files in a fresh `mktemp -d` under /tmp
# owned by the server's own user, never inside the clone: a clone below a directory that user cannot
# traverse (root's home, any `mktemp -d` folder, mode 0700) would otherwise lock the server out of
# its own files. Logs are copied into "$out/<server>/" when the server stops. Every state directory is
# also recorded in "$servers_ledger" (beside .ci/out), so that a run killed before its trap could
# clean up is cleaned up by the next run.
#
# Needs: $out (the run's output folder, already created), $servers_ledger (a file path).

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

# A state directory the server's user owns, recorded in the ledger before anything is put in it.
new_state_dir() {
    local owner="$1" name="$2" dir
    dir="$(mktemp -d "/tmp/thywill-$name.XXXXXX")" || return 1
    echo "$dir" >>"$servers_ledger"
    [ "$(id -u)" -ne 0 ] || [ "$owner" = root ] || chown "$owner": "$dir" || return 1
    echo "$dir"
}

# Stops whatever a state directory still runs and removes it.
remove_state_dir() {
    local dir="$1"
    case "$dir" in /tmp/thywill-*) ;; *) return 0 ;; esac
    [ -d "$dir" ] || return 0
    if [ -f "$dir/data/postmaster.pid" ] && [ -n "${pgbin:-}" ]; then
        as_postgres "$pgbin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
            as_postgres "$pgbin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
    fi
    rm -rf "$dir"
}

# Cleans up what a killed run left behind, then starts a new ledger.
servers_clean_leftovers() {
    local dir
    pgbin="${pgbin:-$(find_postgres || true)}"
    if [ -f "$servers_ledger" ]; then
        while read -r dir; do remove_state_dir "$dir"; done <"$servers_ledger"
    fi
    mkdir -p "$(dirname "$servers_ledger")"
    : >"$servers_ledger"
}

# Stops every server of this run, keeping their logs in "$out".
servers_stop() {
    if [ -n "${pg_state:-}" ] && [ -d "$pg_state" ]; then
        mkdir -p "$out/pg"
        cp "$pg_state"/*.log "$out/pg/" 2>/dev/null
        remove_state_dir "$pg_state"
    fi
    pg_state=""
    [ ! -f "$servers_ledger" ] || : >"$servers_ledger"
}

# A throwaway PostgreSQL on 127.0.0.1 only (no Unix socket), with a role that may create databases
# (each test class makes its own). Sets THYWILL_TEST_POSTGRES and pg_state.
start_postgres() {
    local superuser_password role_password port attempt
    pgbin="$(find_postgres)" || return 1
    mkdir -p "$out/pg"
    pg_state="$(new_state_dir postgres pg)" || return 1
    superuser_password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    role_password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    (umask 077 && echo "$superuser_password" >"$pg_state/superuser-password")
    [ "$(id -u)" -ne 0 ] || chown postgres: "$pg_state/superuser-password"

    as_postgres "$pgbin/initdb" -D "$pg_state/data" -U postgres --pwfile="$pg_state/superuser-password" \
        --auth=scram-sha-256 -E UTF8 --locale=C >"$out/pg/initdb.log" 2>&1 || return 1
    rm -f "$pg_state/superuser-password"

    # A free port: try a few at random; a port someone else holds makes postgres exit at once.
    for attempt in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 40000))
        as_postgres "$pgbin/pg_ctl" -D "$pg_state/data" -l "$pg_state/postgres.log" -w -t 30 \
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
    pg_port="$port" pg_role_password="$role_password"
    export THYWILL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=thywill;Password=$role_password;Database=thywill"
}

# What the tests do with the server, done with psql: the role connects over TCP and creates and
# drops a database of its own.
check_postgres() {
    PGPASSWORD="$pg_role_password" "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -At \
        -h 127.0.0.1 -p "$pg_port" -U thywill -d thywill >>"$out/pg/psql.log" 2>&1 <<'SQL'
CREATE DATABASE thywill_servers_check;
DROP DATABASE thywill_servers_check;
SELECT 1;
SQL
}
