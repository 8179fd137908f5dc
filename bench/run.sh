#!/usr/bin/env bash
# Runs a benchmark command of the load client (bench/Thywill.Blazor.LoadClient) against servers it
# starts itself on 127.0.0.1 from their Release builds. Every command stops by itself (--max-minutes).
#
#   bench/run.sh capacity --server thywill --clients 1000 --hold 30
#   bench/run.sh echo --clients 1000 --messages 1000 --rate 200 --rate-seconds 20
#   bench/run.sh broadcast --servers thywill,signalr,naive --clients 1000,5000,10000 --broadcasts 50
#   bench/run.sh chat --rooms 100 --members 10 --rate 1 --seconds 30
#   bench/run.sh failover --kills 20        (starts a throwaway PostgreSQL unless THYWILL_TEST_POSTGRES is set)
#
# Add --out DIR to choose where JSON, Markdown, the chart and the servers' logs go.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Each client holds a WebSocket, and so does the server for it: both ends in this machine's limits.
ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ "${THYWILL_BENCH_NO_BUILD:-}" != "1" ]; then
    dotnet build Thywill.Blazor.sln -c Release -nologo -clp:ErrorsOnly >/dev/null
fi
# The failover benchmark and --nodes runs need a shared PostgreSQL: a throwaway one, as test.sh starts.
if { [ "${1:-}" = failover ] || [[ " $* " == *" --nodes "* ]]; } && [ -z "${THYWILL_TEST_POSTGRES:-}" ]; then
    out="$(mktemp -d /tmp/thywill-bench-servers.XXXXXX)" servers_ledger="$out/servers.ledger"
    chmod 0755 "$out"
    # shellcheck source=../.ci/servers.sh
    . "$root/.ci/servers.sh"
    : >"$servers_ledger"
    trap 'servers_stop; rm -rf "$out"' EXIT
    start_postgres || { echo "PostgreSQL did not start; see $out/pg" >&2; exit 1; }
    dotnet bench/Thywill.Blazor.LoadClient/bin/Release/net10.0/thywill-load.dll "$@"
    exit $?
fi
exec dotnet bench/Thywill.Blazor.LoadClient/bin/Release/net10.0/thywill-load.dll "$@"
