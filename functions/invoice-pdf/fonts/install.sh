#!/usr/bin/env bash
# Installs the pinned font packages (package-lock.json, integrity-checked by npm) and copies the regular and bold
# TrueType files the PDF renderer embeds into $1 (the module's target/classes/fonts). Needs npm; re-runs are cheap.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: install.sh <output folder>}
command -v npm >/dev/null || { echo "error: npm is needed to fetch the PDF fonts (install Node.js)" >&2; exit 1; }
cd "$here"
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.lock-copy 2>/dev/null; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.lock-copy
fi
mkdir -p "$out"
cp node_modules/@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf \
   node_modules/@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf \
   node_modules/@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf \
   node_modules/@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf \
   node_modules/@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf \
   node_modules/@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf \
   "$out/"
