#!/usr/bin/env bash
# Start the workstation on the demo standalone site (embedded service, simulated cameras,
# SQLite in the user's data directory). Extra arguments go to `patrol-app demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display; starting on a virtual screen (Xvfb)"
  exec xvfb-run -a -s "-screen 0 1600x900x24" .venv/bin/patrol-app demo "$@"
fi
exec .venv/bin/patrol-app demo "$@"
