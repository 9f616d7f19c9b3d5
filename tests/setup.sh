#!/usr/bin/env bash
# Installs what `dotnet run` and `dotnet test` need beyond a clone, and is safe to run again.
# Today that is the .NET 10 SDK alone (checked here, not installed: see README). Browser tests
# will add Debian's Chromium here when they land.
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
    echo "setup: the .NET SDK is missing; install the .NET 10 SDK (https://dot.net) and run again" >&2
    exit 1
fi
if ! dotnet --list-sdks | grep -q '^10\.'; then
    echo "setup: a .NET 10 SDK is required; found: $(dotnet --list-sdks | tr '\n' ' ')" >&2
    exit 1
fi

cd "$(dirname "$0")/.."
dotnet restore --nologo --verbosity quiet
echo "setup: ok (.NET SDK $(dotnet --version))"
