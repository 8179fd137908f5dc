#!/usr/bin/env bash
# Runs the whole Thywill.Blazor test suite: build (warnings are errors), publish the Host for the
# Production check, then unit, component, integration and Playwright e2e tests.
# As root it installs what is missing (Chromium); otherwise it says exactly what to install.
# Ends with one line of totals: "N passed, N failed" (", N skipped" when any).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
out="$root/.ci/out"
rm -rf "$out"
mkdir -p "$out"

# ---- prerequisites -------------------------------------------------------------------------
chromium="${THYWILL_CHROMIUM:-/usr/bin/chromium}"
missing=()
command -v dotnet >/dev/null 2>&1 || missing+=("the .NET 10 SDK (dotnet)")
[ -x "$chromium" ] || missing+=("chromium")

if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 && [ "${missing[*]}" = "chromium" ]; then
        echo "== installing Chromium (Debian package 'chromium')"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >"$out/apt.log" 2>&1 && apt-get install -y -qq chromium >>"$out/apt.log" 2>&1 || {
            echo "apt-get could not install chromium; see $out/apt.log" >&2
            echo "0 passed, 1 failed"
            exit 1
        }
        chromium=/usr/bin/chromium
    else
        echo "Missing: ${missing[*]}" >&2
        echo "Install as root: apt-get install -y chromium   (or set THYWILL_CHROMIUM to a Chromium executable)" >&2
        echo "The .NET 10 SDK: https://dotnet.microsoft.com/download (dotnet must be on PATH)" >&2
        echo "0 passed, 1 failed"
        exit 1
    fi
fi
export THYWILL_CHROMIUM="$chromium"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# ---- build and publish ---------------------------------------------------------------------
echo "== build (Release, warnings are errors)"
if ! dotnet build Thywill.Blazor.sln -c Release -nologo -clp:ErrorsOnly >"$out/build.log" 2>&1; then
    tail -50 "$out/build.log" >&2
    echo "0 passed, 1 failed"
    exit 1
fi

echo "== publish the Host (checked in Production by the e2e tests)"
if ! dotnet publish Thywill.Blazor.Host/Thywill.Blazor.Host.csproj -c Release --no-build -o "$out/publish" -nologo >"$out/publish.log" 2>&1; then
    tail -50 "$out/publish.log" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
export THYWILL_PUBLISHED_HOST="$out/publish"
export THYWILL_E2E_ARTIFACTS="$out/playwright-artifacts"

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
