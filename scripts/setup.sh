#!/usr/bin/env bash
# setup.sh — install what rubric needs on a Debian 12 machine (idempotent).
set -euo pipefail
packages=(build-essential cmake flex bison pkg-config libgmp-dev libffi-dev libjson-c-dev libyajl-dev libsimdjson-dev g++ libcsv-dev libzip-dev
  libexpat1-dev python3 poppler-utils
  clang libclang-rt-14-dev libxlsxwriter-dev libsqlite3-dev python3-openpyxl
  chromium fonts-wqy-microhei)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
