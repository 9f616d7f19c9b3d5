#!/usr/bin/env bash
# Installs what `dotnet run` and `dotnet test` need beyond a clone, and is safe to run again:
# the .NET 10 SDK (checked here, not installed: see README); for the browser tests, Debian's
# Chromium (Playwright cannot download its own browsers on our machines); for the tests of several
# nodes and the suites on the second engine, Debian's PostgreSQL (tests/postgres.sh starts a throwaway
# server) and nginx-light (the load balancer in front of two nodes); for the metrics test, promtool
# (Debian's prometheus package; no daemon is started). --postgres is accepted, as before, and changes nothing.
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
    echo "setup: the .NET SDK is missing; install the .NET 10 SDK (https://dot.net) and run again" >&2
    exit 1
fi
if ! dotnet --list-sdks | grep -q '^10\.'; then
    echo "setup: a .NET 10 SDK is required; found: $(dotnet --list-sdks | tr '\n' ' ')" >&2
    exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
updated=""
install() {
    if [ -z "$updated" ]; then $sudo apt-get update -qq; updated=yes; fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
    echo "setup: installing Debian's chromium for the browser tests"
    install chromium
fi
if [ ! -x "$chromium" ]; then
    echo "setup: Chromium is still missing at $chromium; install Debian's chromium package or set CHROMIUM_PATH" >&2
    exit 1
fi

if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "setup: installing Debian's postgresql for the tests on PostgreSQL and of several nodes"
    install postgresql
fi
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 \
    || { echo "setup: PostgreSQL's initdb is still missing; install Debian's postgresql package" >&2; exit 1; }
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    echo "setup: installing Debian's nginx-light for the tests of several nodes"
    install nginx-light
fi
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 \
    || { echo "setup: nginx is still missing; install Debian's nginx-light package" >&2; exit 1; }
if ! command -v promtool >/dev/null 2>&1; then
    echo "setup: installing Debian's prometheus for promtool (the metrics test)"
    install prometheus
fi
command -v promtool >/dev/null 2>&1 || { echo "setup: promtool is still missing; install Debian's prometheus package" >&2; exit 1; }

cd "$(dirname "$0")/.."
dotnet restore --nologo --verbosity quiet
echo "setup: ok (.NET SDK $(dotnet --version), $("$chromium" --version 2>/dev/null | head -n 1))"
