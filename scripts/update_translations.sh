#!/usr/bin/env bash
# Refreshes translations/*.ts from the tr() strings of the studio and widgets. (Qt's CMake target
# update_translations parses every include, LibTorch's too, and takes many minutes; plain lupdate on
# the folders takes a second.)
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE=$(command -v lupdate || echo /usr/lib/qt6/bin/lupdate)
"$LUPDATE" -locations none app/studio widgets -ts translations/*.ts
