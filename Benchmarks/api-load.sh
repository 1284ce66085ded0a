#!/usr/bin/env bash
# Load benchmark of the platform API (issue #3): GET /v1/applications?limit=50 with 10,000
# applications stored, release build, wrk with 64 connections on loopback; warm (repeated
# request, answered from the response cache) and cold (every request computed).
# Usage: Benchmarks/api-load.sh [seconds]   (from the repository root; needs wrk and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
swift build -c release --product smartmlops >&2
binary="$(swift build -c release --show-bin-path)/smartmlops"
data="$(mktemp -d)"
server=""
stop() {
    local status=$?
    [ -n "$server" ] && { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
    rm -rf "$data"
    exit "$status"
}
trap stop EXIT

start() {
    "$binary" serve --listen 127.0.0.1:0 --data "$data/platform" --demo >"$data/serve.out" 2>"$data/serve.err" &
    server=$!
    for _ in $(seq 100); do grep -q "listening on" "$data/serve.out" 2>/dev/null && break; sleep 0.1; done
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$data/serve.out" | head -n 1)"
}

# First start creates and migrates the database; then 10,000 applications (with an ML component
# and a box each) are written straight into it, and the server starts again on them.
start
kill "$server"; wait "$server" 2>/dev/null || true
python3 - "$data/platform/platform.sqlite" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
now = time.time()
with db:
    for i in range(10_000):
        cur = db.execute(
            "INSERT INTO applications(slug, name, description, team, template, author, created_at, updated_at, namespace) VALUES (?,?,?,?,?,?,?,?,?)",
            (f"load-{i}", f"Нагрузка {i}", "Приложение для нагрузочного теста", "cii", "ml-component-box", "ikrupnov", now - i, now - i,
             f"pu-ikrupnov-pa-load-{i}"))
        app = cur.lastrowid
        db.execute("INSERT INTO components(application_id, name, kind, spec, phase, status_time) VALUES (?,?,?,?,?,?)",
                   (app, "model", "DataBox", '{"kind":"DataBox","spec":{"s3DefaultStorage":{}}}', "deployed", now - i))
        db.execute("INSERT INTO components(application_id, name, kind, spec, phase, status_time) VALUES (?,?,?,?,?,?)",
                   (app, "inference", "MLComponent", '{"kind":"MLComponent","spec":{"image":{"existingImageName":"python:3.11-slim"}}}', "deployed", now - i))
print("seeded", db.execute("SELECT COUNT(*) FROM applications").fetchone()[0], "applications", file=sys.stderr)
PY
start
token="$(cat "$data/platform/local-token")"
curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$url/v1/applications?limit=50"
# Warm: the same request again and again, as cabinets revalidating a list do; answered from the
# per-caller response cache after the first.
echo "== warm: wrk -t2 -c64 -d${seconds}s --latency $url/v1/applications?limit=50" >&2
wrk -t2 -c64 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$url/v1/applications?limit=50"
# Cold: every request differs (an ignored query parameter), so each one queries and encodes.
cat >"$data/miss.lua" <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/v1/applications?limit=50&probe=" .. counter .. "-" .. math.random(1, 1000000000))
end
LUA
echo "== cold: the same with a distinct ignored query parameter per request (every answer computed)" >&2
wrk -t2 -c64 -d"${seconds}s" --latency -s "$data/miss.lua" -H "Authorization: Bearer $token" "$url/v1/applications?limit=50"
