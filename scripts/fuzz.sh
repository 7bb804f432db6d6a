#!/usr/bin/env bash
# Fuzzes the harnesses of tests/fuzz with libFuzzer under AddressSanitizer + UBSan (needs clang).
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer flags…]   fuzz one harness, e.g. image_decode 600
#   scripts/fuzz.sh all SECONDS                          every harness in turn, SECONDS each
#   scripts/fuzz.sh --smoke                              every harness for a few seconds (ctest does this)
#   scripts/fuzz.sh --list                               the harnesses
#
# It first builds build-fuzz/ (clang, core instrumented; TFS_FUZZ_BUILD_DIR to change it). Inputs
# that reach new code are kept in build-fuzz/corpus/TARGET (the seeds in tests/fuzz/corpus/TARGET
# are read, never written). A crash stops the run and is written to build-fuzz/crashes/TARGET/:
# reproduce it with `build-fuzz/bin/fuzz_TARGET FILE`, fix it, and commit the file under
# tests/fuzz/regressions/TARGET/ — test_fuzz_corpora replays those in every build.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# The harnesses are the files tests/fuzz/fuzz_NAME.cpp (fuzz_support.cpp is their shared code).
TARGETS=()
for f in tests/fuzz/fuzz_*.cpp; do
  name=$(basename "$f" .cpp); name=${name#fuzz_}
  [ "$name" = support ] || TARGETS+=("$name")
done
BUILD=${TFS_FUZZ_BUILD_DIR:-build-fuzz}

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }
if [ $# -lt 1 ]; then usage >&2; exit 2; fi
case "$1" in
  -h|--help) usage; exit 0 ;;
  --list) printf '%s\n' "${TARGETS[@]}"; exit 0 ;;
esac

CLANG=$(command -v clang++ || command -v clang++-14 || true)
if [ -z "$CLANG" ]; then
  echo "fuzz.sh: clang++ is not installed (sudo apt-get install clang); libFuzzer comes with it" >&2
  exit 2
fi

if [ "$1" = "--smoke" ]; then
  selected=("${TARGETS[@]}"); seconds=${TFS_FUZZ_SMOKE_SECONDS:-3}; shift
elif [ "$1" = "all" ]; then
  [ $# -ge 2 ] || { echo "fuzz.sh: give the seconds per harness: fuzz.sh all 600" >&2; exit 2; }
  selected=("${TARGETS[@]}"); seconds=$2; shift 2
else
  [ $# -ge 2 ] || { echo "fuzz.sh: give the seconds to fuzz: fuzz.sh $1 600" >&2; exit 2; }
  if ! printf '%s\n' "${TARGETS[@]}" | grep -qx -- "$1"; then
    echo "fuzz.sh: no harness '$1'; the harnesses are: ${TARGETS[*]}" >&2; exit 2
  fi
  selected=("$1"); seconds=$2; shift 2
fi
case "$seconds" in ''|*[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number, got '$seconds'" >&2; exit 2 ;; esac

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  GEN=()
  command -v ninja >/dev/null && GEN=(-G Ninja)
  cmake -S . -B "$BUILD" "${GEN[@]}" -DCMAKE_CXX_COMPILER="$CLANG" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_CXX_FLAGS_RELEASE="-O1" -DTFS_FUZZ=ON -DTFS_BUILD_STUDIO=OFF -DTFS_BUILD_TESTS=OFF >/dev/null
fi
targets=()
for t in "${selected[@]}"; do targets+=(--target "fuzz_$t"); done
cmake --build "$BUILD" -j "${TFS_JOBS:-$(nproc)}" "${targets[@]}"

export OMP_NUM_THREADS=1 TFS_THREADS=1
# LibTorch's lazily built globals look like leaks to LeakSanitizer: leaks are not checked.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for t in "${selected[@]}"; do
  corpus="$BUILD/corpus/$t"; crashes="$BUILD/crashes/$t"
  mkdir -p "$corpus" "$crashes"
  seeds=("$ROOT/tests/fuzz/corpus/$t")
  [ -d "$ROOT/tests/fuzz/regressions/$t" ] && seeds+=("$ROOT/tests/fuzz/regressions/$t")
  echo "== fuzz_$t for ${seconds}s"
  if ! "$BUILD/bin/fuzz_$t" -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 \
        -timeout=30 -print_final_stats=1 -artifact_prefix="$crashes/" "$@" "$corpus" "${seeds[@]}" \
        2> "$BUILD/fuzz_$t.log"; then
    echo "fuzz_$t FAILED: see $BUILD/fuzz_$t.log and $crashes/" >&2
    tail -40 "$BUILD/fuzz_$t.log" >&2
    status=1
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|Done [0-9]+ runs" "$BUILD/fuzz_$t.log" || true
done
exit $status
