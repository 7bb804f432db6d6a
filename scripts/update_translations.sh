#!/usr/bin/env bash
# Refreshes translations/*.ts from the tr() strings of the studio and widgets. (Qt's CMake target
# update_translations parses every include, LibTorch's too, and takes many minutes; plain lupdate on
# the folders takes a second.)
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE=/usr/lib/qt6/bin/lupdate
[ -x "$LUPDATE" ] || LUPDATE=$(command -v lupdate6 || command -v lupdate)
# lupdate's parser does not follow `namespace tfs::studio {`, so it names contexts by the bare class
# while tr() looks them up by moc's qualified name: strip the namespace before, put it back after.
sed -i -E 's#<name>tfs::(studio|widgets)::#<name>#' translations/*.ts
"$LUPDATE" -locations none app/studio widgets -ts translations/*.ts
grep -ho '<name>[A-Za-z]*</name>' translations/*.ts | sed -E 's#</?name>##g' | sort -u |
while read -r context; do
  if grep -qE "^class $context\b" widgets/*.h; then
    sed -i "s#<name>$context</name>#<name>tfs::widgets::$context</name>#" translations/*.ts
  elif grep -qE "^class $context\b" app/studio/*.h; then
    sed -i "s#<name>$context</name>#<name>tfs::studio::$context</name>#" translations/*.ts
  fi
done
