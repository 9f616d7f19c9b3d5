#!/usr/bin/env bash
# What counting requests costs a cached page: the same article from two servers on one database, one with
# Metrics:Enabled=true (the default) and one with false, in interleaved rounds (docs/performance.md, « Metrics »).
# Both servers pinned to CPU $SERVER_CPU, wrk to CPU $LOAD_CPU; traffic to 127.0.0.1 only. About two minutes.
#
#   tests/Publisher.Benchmarks/metrics-ab.sh
#   ROUNDS=4 DURATION=3 WARMUP=20 tests/Publisher.Benchmarks/metrics-ab.sh   # a quicker look
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

rounds=${ROUNDS:-6}
duration=${DURATION:-5}
warmup=${WARMUP:-45}
connections=32
server_cpu=${SERVER_CPU:-0}
load_cpu=${LOAD_CPU:-1}
path=${ARTICLE:-/articles/5g-sa-generalisation}
work=$(mktemp -d)
on_port=5171
off_port=5172

dotnet build --nologo --verbosity quiet --configuration Release src/Publisher.Web >/dev/null
app="$root/src/Publisher.Web/bin/Release/net10.0/Publisher.Web.dll"

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# The repository's articles, imported once; both servers then read the same file.
(cd "$root/src/Publisher.Web" && dotnet "$app" import "$root/content" --ConnectionStrings:Publisher="Data Source=$work/publisher.db" \
    --Media:Path="$work/media" --Serilog:MinimumLevel:Default=Warning) >/dev/null

start_server() { # port metrics-enabled
    ASPNETCORE_ENVIRONMENT=Production taskset -c "$server_cpu" dotnet "$app" --contentRoot "$root/src/Publisher.Web" \
        --urls "http://127.0.0.1:$1" --ConnectionStrings:Publisher="Data Source=$work/publisher.db" --Media:Path="$work/media" \
        --Content:Path="$work/no-content" --Admin:KeysPath="$work/keys" --Site:BaseUrl="http://127.0.0.1:$1" \
        --Metrics:Enabled="$2" --Serilog:MinimumLevel:Default=Warning >"$work/server-$1.log" 2>&1 &
    pids+=($!)
    until curl -fs -o /dev/null "http://127.0.0.1:$1$path"; do sleep 0.05; done
}
start_server "$on_port" true
start_server "$off_port" false

cat >"$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.3f %.3f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, e.connect + e.read + e.write + e.status + e.timeout))
end
LUA
run_wrk() { # port seconds -> "rps p50 p99 errors"
    taskset -c "$load_cpu" wrk -t1 -c"$connections" -d"$2s" -s "$work/report.lua" "http://127.0.0.1:$1$path" | awk '/^RESULT/ { print $2, $3, $4, $5 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "metrics-ab: warming up both servers for ${warmup} s each (load average: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
run_wrk "$on_port" "$warmup" >/dev/null
run_wrk "$off_port" "$warmup" >/dev/null
results="$work/raw"
for round in $(seq "$rounds"); do
    # ABBA: neither server always runs first in a round.
    if [ $((round % 2)) -eq 1 ]; then order="$on_port $off_port"; else order="$off_port $on_port"; fi
    for port in $order; do
        line=$(run_wrk "$port" "$duration")
        echo "$port $line" >>"$results"
        echo "metrics-ab: round $round, $([ "$port" = "$on_port" ] && echo on || echo off): $line" >&2
    done
done
curl -fs "http://127.0.0.1:$on_port/metrics" | grep -E '^publisher_http_requests_total\{kind="article"' >&2 || true

on=$(awk -v p="$on_port" '$1 == p { print $2 }' "$results" | median)
off=$(awk -v p="$off_port" '$1 == p { print $2 }' "$results" | median)
on_p99=$(awk -v p="$on_port" '$1 == p { print $4 }' "$results" | median)
off_p99=$(awk -v p="$off_port" '$1 == p { print $4 }' "$results" | median)
errors=$(awk '{ s += $5 } END { print s + 0 }' "$results")
echo "| Cached article, $rounds rounds of $duration s | req/s (median) | p99 ms (median) |"
echo "|---|---:|---:|"
echo "| Metrics:Enabled=false | $off | $off_p99 |"
echo "| Metrics:Enabled=true | $on | $on_p99 |"
echo "Ratio on/off: $(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.3f", a / b }'); errors: $errors; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
