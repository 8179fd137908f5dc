#!/usr/bin/env bash
# Starts a Thywill cluster on this machine to try many nodes: Redis, PostgreSQL, N nodes of the Host
# on the Redis engine, and nginx in front, all on 127.0.0.1. Open the address it prints; kill a node
# (its pid is printed) and watch the browsers move to the others. Ctrl-C stops everything and
# removes its files (all under one /tmp/thywill-cluster.* folder).
#
#   deploy/local-cluster.sh [N]        N nodes (default 3); nginx on port 8080 (THYWILL_CLUSTER_PORT)
#
# Needs the .NET 10 SDK, redis-server, PostgreSQL and nginx (as root: apt-get install -y redis-server
# postgresql nginx).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nodes="${1:-3}"
listen_port="${THYWILL_CLUSTER_PORT:-8080}"
case "$nodes" in ''|*[!0-9]*) echo "usage: $0 [number of nodes]" >&2; exit 2 ;; esac
[ "$nodes" -ge 1 ] && [ "$nodes" -le 9 ] || { echo "between 1 and 9 nodes" >&2; exit 2; }

missing=()
command -v dotnet >/dev/null 2>&1 || missing+=("the .NET 10 SDK (dotnet)")
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Missing: ${missing[*]} (as root: apt-get install -y redis-server postgresql nginx)" >&2
    exit 1
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

work="$(mktemp -d /tmp/thywill-cluster.XXXXXX)"
chmod 0755 "$work"
out="$work/out" servers_ledger="$work/servers.ledger"
mkdir -p "$out"
# shellcheck source=../.ci/servers.sh
. "$root/.ci/servers.sh"
find_postgres >/dev/null || { echo "Missing: PostgreSQL (as root: apt-get install -y postgresql)" >&2; rm -rf "$work"; exit 1; }
: >"$servers_ledger"

pids=()
stop() {
    trap - EXIT INT TERM
    echo
    echo "== stopping"
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
    servers_stop
    rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

echo "== publishing the Host"
dotnet publish "$root/Thywill.Blazor.Host/Thywill.Blazor.Host.csproj" -c Release -o "$work/host" -nologo >"$out/publish.log" 2>&1 ||
    { tail -30 "$out/publish.log" >&2; exit 1; }

echo "== Redis and PostgreSQL on 127.0.0.1"
redis_port="$(free_port)"
mkdir -p "$work/redis"
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work/redis" \
    --logfile "$work/redis/redis.log" --daemonize no >/dev/null 2>&1 &
pids+=($!)
start_postgres || { tail -20 "$out"/pg/*.log >&2; exit 1; }
database="${THYWILL_TEST_POSTGRES/Database=thywill/Database=thywill_cluster}"

echo "== $nodes nodes"
servers=""
for i in $(seq 1 "$nodes"); do
    port="$(free_port)"
    (
        cd "$work/host" &&
        ASPNETCORE_ENVIRONMENT=Production \
        Thywill__Engine__Provider=Redis \
        Thywill__Engine__Redis__Configuration="127.0.0.1:$redis_port" \
        Thywill__Database__Provider=PostgreSql \
        Thywill__Database__ConnectionString="$database" \
        Logging__Folder="$work/node$i/logs" \
        exec dotnet Thywill.Blazor.Host.dll --urls "http://127.0.0.1:$port"
    ) >"$work/node$i.log" 2>&1 &
    pids+=($!)
    echo "   node $i: http://127.0.0.1:$port (pid $!, log $work/node$i.log)"
    servers+="server 127.0.0.1:$port max_fails=1 fail_timeout=10s;"$'\n        '
    # One at a time: the first node migrates the database.
    for _ in $(seq 1 120); do
        curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
        sleep 0.5
    done
    curl -fs -o /dev/null "http://127.0.0.1:$port/" || { tail -30 "$work/node$i.log" >&2; exit 1; }
done

echo "== nginx"
mkdir -p "$work/nginx"
user_line=""
[ "$(id -u)" -ne 0 ] || user_line="user root;"
template="$(cat "$root/deploy/nginx.conf.template")"
template="${template//@DIR@/$work/nginx}"
template="${template//@LISTEN@/127.0.0.1:$listen_port}"
template="${template//@USER@/$user_line}"
template="${template//@SERVERS@/$servers}"
printf '%s\n' "$template" >"$work/nginx/nginx.conf"
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
pids+=($!)
sleep 1
curl -fs -o /dev/null "http://127.0.0.1:$listen_port/" || { cat "$work/nginx/error.log" >&2; exit 1; }

echo
echo "Thywill cluster: http://127.0.0.1:$listen_port/   (chat: /thywill/init/chat, relay: /thywill/init/relay)"
echo "Kill a node to see its browsers move: kill -9 <pid above>. Ctrl-C stops everything."
wait
