#!/bin/sh
# Builds the plugin, checks it as the runtime will, and runs it against the fixtures in test/fixtures:
# each directory there stands for the host's /etc, and its name is the status the plugin must report.
# ASSESSMENT_CLI is the CLI's command (default: assessment), e.g. "java -jar /path/to/assessment-cli.jar".
set -eu
cd "$(dirname "$0")"
CLI=${ASSESSMENT_CLI:-assessment}
./build.sh
$CLI plugin check .
failed=0
for fixture in test/fixtures/*/; do
    expected=$(basename "$fixture" | tr '[:lower:]' '[:upper:]')
    actual=$($CLI plugin run . --grant "${fixture%/}::/etc" | grep -o '"status" *: *"[A-Z]*"' | head -n 1 | grep -o '[A-Z]*"$' | tr -d '"')
    if [ "$actual" = "$expected" ]; then
        echo "ok   $fixture: $actual"
    else
        echo "FAIL $fixture: $actual, expected $expected"
        failed=1
    fi
done
exit $failed
