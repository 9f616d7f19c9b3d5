#!/usr/bin/env bash
# The load benchmark: Publisher against nginx serving the same article as a static file, at 100 and at
# 100,000 articles, on SQLite and on PostgreSQL. See docs/performance.md. Sends traffic to 127.0.0.1 only;
# installs wrk, nginx and PostgreSQL (Debian packages) when missing; keeps generated archives in
# artifacts/benchmark/ for the next run. PostgreSQL is a throwaway server (tests/postgres.sh) pinned to the
# server's CPU with the app, each archive imported into it afresh.
#
#   tests/Publisher.Benchmarks/load.sh                 # the full run (about 30 minutes, more the first time)
#   SIZES=100 ROUNDS=1 DURATION=3 WARMUP=10 tests/Publisher.Benchmarks/load.sh   # a quick look (not warm)
#   ENGINES=postgres tests/Publisher.Benchmarks/load.sh                          # one engine
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

sizes=${SIZES:-"100 100000"}
engines=${ENGINES:-"sqlite postgres"}
rounds=${ROUNDS:-3}
duration=${DURATION:-5}
warmup=${WARMUP:-90}
connections=32
server_cpu=${SERVER_CPU:-0}
load_cpu=${LOAD_CPU:-1}
work=${WORK:-$root/artifacts/benchmark}
app_port=5101
miss_port=5102
nginx_port=5103
postgres_port=5104
mkdir -p "$work"

# --- what the benchmark needs -------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v taskset >/dev/null 2>&1 || missing+=(util-linux)
command -v curl >/dev/null 2>&1 || missing+=(curl)
case " $engines " in *" postgres "*)
    command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql) ;;
esac
if [ ${#missing[@]} -gt 0 ]; then
    echo "load: installing ${missing[*]}" >&2
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

echo "load: building in Release" >&2
dotnet build --nologo --verbosity quiet --configuration Release src/Publisher.Web >/dev/null
dotnet build --nologo --verbosity quiet --configuration Release tests/Publisher.Benchmarks >/dev/null
app="$root/src/Publisher.Web/bin/Release/net10.0/Publisher.Web.dll"
generator="$root/tests/Publisher.Benchmarks/bin/Release/net10.0/Publisher.Benchmarks.dll"

pids=()
postgres_running=""
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
stop_postgres() {
    if [ -n "$postgres_running" ]; then bash "$root/tests/postgres.sh" stop "$postgres_port" >/dev/null || true; postgres_running=""; fi
}
trap 'cleanup; stop_postgres' EXIT

# --- the engines ------------------------------------------------------------------------------------------
engine=sqlite
start_postgres() {
    if [ -z "$postgres_running" ]; then
        # Pinned with the app: the server's CPU serves the site, database included.
        postgres_server=$(taskset -c "$server_cpu" bash "$root/tests/postgres.sh" start "$postgres_port")
        postgres_running=yes
    fi
}
database_args() { # folder name -> the settings that point a process at this engine's database
    if [ "$engine" = postgres ]; then
        echo "--Database:Provider=Postgres"
        echo "--ConnectionStrings:Publisher=Host=127.0.0.1;Port=$postgres_port;Username=postgres;Database=$2"
    else
        echo "--ConnectionStrings:Publisher=Data Source=$1/publisher.db"
    fi
}
create_database() { # name: an empty PostgreSQL database (SQLite creates its file itself)
    if [ "$engine" = postgres ]; then
        psql -q -h 127.0.0.1 -p "$postgres_port" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
    fi
}

# --- wrk scripts: one result line per run ---------------------------------------------------------------
cat >"$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.3f %.3f %.3f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end
LUA
# Search: a different French query each time, typed without accents, so that nothing comes from a cache; the
# first SEARCH_PAGES pages of each, pages readers reach (a page past the last is a 404, counted as an error).
cat >"$work/search.lua" <<'LUA'
local pages = tonumber(os.getenv("SEARCH_PAGES") or "1")
local queries = { "regulation", "souverainete%20numerique", "rancongiciel", "operateurs", "fibre", "satellites",
  "donnees%20personnelles", "cybercriminalite", "processeur", "constellation%20de%20satellites", "amende%20record",
  "hypertrucages", "centre%20de%20donnees%20bretagne", "lanceur%20reutilisable", "consultation%20publique",
  "autonomie", "transparence%20tarifs", "start-up", "souverainete", "semi-conducteurs", "cloud", "consoles" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/recherche?q=" .. queries[(i % #queries) + 1] .. "&page=" .. (math.floor(i / #queries) % pages + 1))
end
LUA
cat "$work/report.lua" >>"$work/search.lua"
# Warm-up: each server's pages in turn, given after the URL (wrk ... -- /a /b).
cat >"$work/rotate.lua" <<'LUA'
local paths, i = {}, 0
init = function(args) for _, path in ipairs(args) do paths[#paths + 1] = path end end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA

run_wrk() { # url connections script -> "rps p50 p95 p99 errors"
    taskset -c "$load_cpu" wrk -t1 -c"$2" -d"${duration}s" -s "$3" "$1" | awk '/^RESULT/ { print $2, $3, $4, $5, $6 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

start_server() { # port database-folder media cache-enabled log -> pid; prints the time to the first 200
    local started
    local -a database
    mapfile -t database < <(database_args "$2" "bench_$size")
    started=$(date +%s%N)
    ASPNETCORE_ENVIRONMENT=Production taskset -c "$server_cpu" dotnet "$app" --contentRoot "$root/src/Publisher.Web" \
        --urls "http://127.0.0.1:$1" "${database[@]}" --Media:Path="$3" \
        --Content:Path="$work/no-content" --Admin:KeysPath="$work/keys" --Site:BaseUrl="http://127.0.0.1:$1" \
        --PageCache:Enabled="$4" >"$5" 2>&1 &
    server_pid=$!
    pids+=("$server_pid")
    until curl -fs -o /dev/null "http://127.0.0.1:$1/"; do
        kill -0 "$server_pid" 2>/dev/null || { echo "load: the server on port $1 stopped; see $5" >&2; exit 1; }
        sleep 0.01
    done
    startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}

# --- the archives ---------------------------------------------------------------------------------------
prepare() { # size -> $work/<size>/publisher.db (or the PostgreSQL database bench_<size>), imported from a generated folder
    local dir="$work/$1"
    local -a database
    if [ "$engine" = postgres ]; then
        [ -f "$dir/ready" ] || { engine=sqlite prepare "$1"; }
        mapfile -t database < <(database_args "$dir" "bench_$1")
        create_database "bench_$1"
        echo "load: importing $1 articles into PostgreSQL" >&2
        (cd "$root/src/Publisher.Web" && dotnet "$app" import "$dir/content" "${database[@]}" --Media:Path="$dir/media" \
            --Serilog:MinimumLevel:Default=Warning) >/dev/null
        # As an operator would after a bulk load: statistics for the planner, the visibility map for index-only scans.
        psql -q -h 127.0.0.1 -p "$postgres_port" -U postgres -d "bench_$1" -c "VACUUM ANALYZE" >/dev/null
        return
    fi
    if [ ! -f "$dir/ready" ]; then
        rm -rf "$dir" && mkdir -p "$dir"
        echo "load: generating and importing $1 articles" >&2
        dotnet "$generator" generate "$dir/content" "$1" >/dev/null
        (cd "$root/src/Publisher.Web" && dotnet "$app" import "$dir/content" \
            --ConnectionStrings:Publisher="Data Source=$dir/publisher.db" --Media:Path="$dir/media" \
            --Serilog:MinimumLevel:Default=Warning) >/dev/null
        touch "$dir/ready"
    fi
    # An archive kept from an earlier run gets this build's migrations now, not in the start-up being timed.
    (cd "$root/src/Publisher.Web" && dotnet "$app" migrate --ConnectionStrings:Publisher="Data Source=$dir/publisher.db" \
        --Serilog:MinimumLevel:Default=Warning) >/dev/null
}

# The import target: 10,000 articles into an empty database, timed, on each engine.
import_dir="$work/import-10000"
if [ ! -d "$import_dir/content" ]; then
    dotnet "$generator" generate "$import_dir/content" 10000 >/dev/null
fi
import_times=""
for engine in $engines; do
    [ "$engine" = postgres ] && start_postgres
    rm -rf "$import_dir/db" && mkdir -p "$import_dir/db"
    create_database bench_import
    mapfile -t import_database < <(database_args "$import_dir/db" bench_import)
    import_started=$(date +%s%N)
    (cd "$root/src/Publisher.Web" && dotnet "$app" import "$import_dir/content" "${import_database[@]}" \
        --Media:Path="$import_dir/db/media" --Serilog:MinimumLevel:Default=Warning) >/dev/null 2>&1
    import_times="$import_times ${engine}: $(awk -v ns=$(( $(date +%s%N) - import_started )) 'BEGIN { printf "%.1f", ns / 1e9 }') s;"
    rm -rf "$import_dir/db"
done

report="$work/results.md"
{
    echo "# Load benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)."
    echo "Server and nginx pinned to CPU $server_cpu, wrk (1 thread, $connections connections, 8 for search) to CPU $load_cpu;"
    echo "$rounds interleaved rounds of $duration s per case, medians. Import of 10,000 articles into an empty database:${import_times%;}."
} >"$report"

for engine in $engines; do
[ "$engine" = postgres ] && start_postgres
for size in $sizes; do
    # At 100 articles most queries have one page of results; at 100,000 they have three.
    if [ "$size" -ge 10000 ]; then export SEARCH_PAGES=3; else export SEARCH_PAGES=1; fi
    prepare "$size"
    dir="$work/$size"
    # The 51st newest article: the same one at every size.
    slug=$(ls "$dir/content" | grep '\.md$' | sort -r | sed -n '51p' | sed -E 's/^[0-9]+-//; s/\.md$//')
    start_server "$app_port" "$dir" "$dir/media" true "$work/server-$size.log"
    cached_pid=$server_pid; cached_startup=$startup_ms
    start_server "$miss_port" "$dir" "$dir/media" false "$work/server-miss-$size.log"
    miss_pid=$server_pid; miss_startup=$startup_ms

    static=$(mktemp -d)
    chmod 755 "$static"
    curl -fs "http://127.0.0.1:$app_port/articles/$slug" -o "$static/article.html"
    chmod 644 "$static/article.html"
    cat >"$static/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $static/nginx.pid;
error_log stderr error;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 10000000;
    server {
        listen 127.0.0.1:$nginx_port;
        root $static;
        location / { default_type "text/html; charset=utf-8"; try_files /article.html =404; }
    }
}
NGINX
    taskset -c "$server_cpu" "$nginx_bin" -c "$static/nginx.conf" -e stderr 2>"$work/nginx.log" &
    pids+=($!)
    until curl -fs -o /dev/null "http://127.0.0.1:$nginx_port/"; do sleep 0.01; done

    # Every generated article is published, ten to a page: the home page's last page skips all but the oldest.
    last_page=$(( (size + 9) / 10 ))
    cases=(
        "nginx, the same article as a file|http://127.0.0.1:$nginx_port/|$connections|report"
        "article|http://127.0.0.1:$app_port/articles/$slug|$connections|report"
        "home|http://127.0.0.1:$app_port/|$connections|report"
        "section|http://127.0.0.1:$app_port/rubriques/cybersecurite|$connections|report"
        "tag (the most used)|http://127.0.0.1:$app_port/tags/regulation|$connections|report"
        "feed|http://127.0.0.1:$app_port/feed.xml|$connections|report"
        "article, cache off|http://127.0.0.1:$miss_port/articles/$slug|$connections|report"
        "home, cache off|http://127.0.0.1:$miss_port/|$connections|report"
        "section, cache off|http://127.0.0.1:$miss_port/rubriques/cybersecurite|$connections|report"
        "tag, cache off|http://127.0.0.1:$miss_port/tags/regulation|$connections|report"
        "home, last page, cache off|http://127.0.0.1:$miss_port/?page=$last_page|$connections|report"
        "feed, cache off|http://127.0.0.1:$miss_port/feed.xml|$connections|report"
        "search, cache off|http://127.0.0.1:$miss_port|8|search"
    )
    # Pinned to one core, .NET's tiered JIT needs over a minute of traffic before a server runs at full speed
    # (docs/performance.md, « Warm-up »): both servers are driven at once through all their pages, then each
    # case briefly. Without it, the first round measures the JIT rather than the server.
    echo "load: $size articles, warming up for ${warmup} s" >&2
    pages=("/articles/$slug" / /rubriques/cybersecurite /tags/regulation /feed.xml "/recherche?q=fibre" "/?page=$last_page")
    warmers=()
    for port in "$app_port" "$miss_port"; do
        taskset -c "$load_cpu" wrk -t1 -c"$connections" -d"${warmup}s" -s "$work/rotate.lua" "http://127.0.0.1:$port" -- "${pages[@]}" >/dev/null &
        warmers+=($!)
        pids+=($!)
    done
    for warmer in "${warmers[@]}"; do wait "$warmer"; done
    for case in "${cases[@]}"; do
        IFS='|' read -r _ url conns script <<<"$case"
        duration=2 run_wrk "$url" "$conns" "$work/$script.lua" >/dev/null
    done
    results="$work/raw-$size"
    rm -f "$results"
    for round in $(seq "$rounds"); do
        echo "load: $size articles, round $round of $rounds" >&2
        for index in "${!cases[@]}"; do
            IFS='|' read -r _ url conns script <<<"${cases[$index]}"
            echo "$index $(run_wrk "$url" "$conns" "$work/$script.lua")" >>"$results"
        done
    done
    cached_rss=$(rss_mb "$cached_pid"); miss_rss=$(rss_mb "$miss_pid")

    nginx_rps=$(awk '$1 == 0 { print $2 }' "$results" | median)
    {
        echo
        echo "## $size articles, $( [ "$engine" = postgres ] && echo PostgreSQL || echo SQLite )"
        echo
        echo "Start-up to the first 200 on the existing database: ${cached_startup} ms (cache on), ${miss_startup} ms (cache off)."
        echo "Resident memory after the runs: ${cached_rss} MB (cache on), ${miss_rss} MB (cache off). Article: /articles/$slug ($(wc -c <"$static/article.html") bytes)."
        echo
        echo "| Case | req/s | vs nginx | p50 ms | p95 ms | p99 ms | errors |"
        echo "|---|---:|---:|---:|---:|---:|---:|"
        for index in "${!cases[@]}"; do
            name=${cases[$index]%%|*}
            rps=$(awk -v i="$index" '$1 == i { print $2 }' "$results" | median)
            p50=$(awk -v i="$index" '$1 == i { print $3 }' "$results" | median)
            p95=$(awk -v i="$index" '$1 == i { print $4 }' "$results" | median)
            p99=$(awk -v i="$index" '$1 == i { print $5 }' "$results" | median)
            errors=$(awk -v i="$index" '$1 == i { s += $6 } END { print s + 0 }' "$results")
            printf '| %s | %.0f | %.2f | %.2f | %.2f | %.2f | %d |\n' "$name" "$rps" "$(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN { print a / b }')" "$p50" "$p95" "$p99" "$errors"
        done
    } >>"$report"

    cleanup
    pids=()
    rm -rf "$static"
done
done

cat "$report"
