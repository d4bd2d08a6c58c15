#!/usr/bin/env bash
# Runs the security sweeps WITH the private SSRF targets (private, link-local, metadata and reserved
# addresses) against an API started inside a new network namespace that has nothing but loopback, so
# an SSRF the guard failed to refuse could never reach a real private address.
#
#   sudo scripts/security/netns.sh            (needs root, or a user allowed to create namespaces)
#
# Inside the namespace: loopback only; Postgres is reached through its unix socket (a file, not the
# network); a private redis-server listens on the namespace's own loopback; /etc/hosts is replaced (in
# a private mount namespace) so the victim's site name resolves without DNS. Exits 1 on any finding.
set -euo pipefail
cd "$(dirname "$0")/../.."

PG_SOCKET_DIR="${PG_SOCKET_DIR:-/var/run/postgresql}"
DB_NAME="${DB_NAME:-seology_netns_$$}"
API_PORT="${API_PORT:-3999}"
REDIS_PORT="${REDIS_PORT:-6391}"
SITE_PORT="${SITE_PORT:-8081}"

if [ "${1:-}" != "--inside" ]; then
  command -v unshare >/dev/null || { echo "unshare (util-linux) is needed" >&2; exit 2; }
  command -v redis-server >/dev/null || { echo "redis-server is needed (it runs inside the namespace)" >&2; exit 2; }
  [ -S "$PG_SOCKET_DIR/.s.PGSQL.5432" ] || { echo "no Postgres unix socket in $PG_SOCKET_DIR (set PG_SOCKET_DIR)" >&2; exit 2; }
  status=0
  DB_NAME="$DB_NAME" unshare --net --mount "$0" --inside || status=$?
  # The database outlives the namespace: drop it through the same socket.
  psql -h "$PG_SOCKET_DIR" -U postgres -d postgres -qc "DROP DATABASE IF EXISTS \"$DB_NAME\"" >/dev/null 2>&1 || true
  exit "$status"
fi

# ---- inside the namespace ------------------------------------------------------------------------
ip link set lo up
echo "network interfaces in the namespace:"
ip -o addr show | awk '{print "  " $2, $3, $4}'
if ip -o link show | awk -F': ' '{print $2}' | grep -qv '^lo$'; then
  echo "refusing to run: the namespace has an interface other than loopback" >&2
  exit 2
fi

hosts=$(mktemp)
printf '127.0.0.1 localhost\n::1 localhost\n127.0.0.1 victim.test\n' > "$hosts"
mount --bind "$hosts" /etc/hosts

work=$(mktemp -d)
cleanup() {
  [ -n "${api_pid:-}" ] && kill "$api_pid" 2>/dev/null || true
  [ -n "${site_pid:-}" ] && kill "$site_pid" 2>/dev/null || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --logfile "$work/redis.log"

# The victim's site: a plain page on loopback, reachable only under the allow-listed name victim.test.
node -e "require('http').createServer((q,s)=>{s.setHeader('content-type','text/html');s.end('<!doctype html><title>Victim</title><h1>Victim</h1>')}).listen($SITE_PORT,'127.0.0.1')" &
site_pid=$!

export DATABASE_URL="postgresql://postgres@localhost/$DB_NAME?host=$PG_SOCKET_DIR"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
export QUEUE_PREFIX="netns"
export JWT_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ENCRYPTION_KEYS="k1:$(head -c 32 /dev/urandom | base64)"
export AUTH_RATE_LIMIT_PER_15_MIN=100000
export SSRF_ALLOW_HOSTS="victim.test"
export NODE_ENV=production PORT="$API_PORT"

node scripts/run-ts.js scripts/db.ts prepare
node scripts/run-ts.js apps/api/src/main.ts > "$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$API_PORT/api/health/live" >/dev/null 2>&1 && break
  kill -0 "$api_pid" 2>/dev/null || { echo "the API exited:" >&2; tail -30 "$work/api.log" >&2; exit 2; }
  sleep 0.5
done

node scripts/run-ts.js scripts/security/run.ts --base-url "http://127.0.0.1:$API_PORT" --site-url "http://victim.test:$SITE_PORT/" --include-private-ssrf
