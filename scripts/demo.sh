#!/usr/bin/env bash
# demo.sh — set up, build, and run the main job on the bundled example: the Guangdong
# 20/40/40 project rubric recomputing the published self-evaluation of seed 004.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh build
build/rubric run rules/gd-project-20-40-40.rubric examples/jiangmen-2024-keji-fazhan.json
