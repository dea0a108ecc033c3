#!/usr/bin/env bash
# Line coverage of licsig's src/ by the fuzz corpora: each target's tracked corpus and
# artifacts replayed through a coverage build (`cargo fuzz coverage`), then one report
# per target and one over all targets together.
#
#   scripts/fuzz-coverage.sh                  # every target
#   scripts/fuzz-coverage.sh license jws      # the targets named (the "all" report
#                                             # then covers just those)
#
# Needs nightly, cargo-fuzz and the nightly's LLVM tools
# (`rustup component add --toolchain nightly llvm-tools-preview`). Writes, untracked:
#   fuzz/coverage/<target>/coverage.profdata  the profile (cargo fuzz coverage)
#   fuzz/coverage/<target>.log                its output
#   fuzz/coverage/report-<target>.txt         per-file table for src/
#   fuzz/coverage/report-all.txt              the same over every target named
#   fuzz/coverage/uncovered-all.txt           each src/ line no target reached
set -euo pipefail
cd "$(dirname "$0")/.."

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for src in fuzz/fuzz_targets/*.rs; do targets+=("$(basename "$src" .rs)"); done
fi
host=$(rustc +nightly -vV | sed -n 's/^host: //p')
bin=$(rustc +nightly --print sysroot)/lib/rustlib/$host/bin
[ -x "$bin/llvm-cov" ] || { echo "no llvm-cov in $bin: rustup component add --toolchain nightly llvm-tools-preview" >&2; exit 2; }
out=fuzz/coverage
# Only licsig's own sources: not the fuzz targets, dependencies or the standard library.
ignore='/\.cargo/|/rustc/|/fuzz/|/\.rustup/|/target/|^target/'

objects=()
profiles=()
for target in "${targets[@]}"; do
    inputs=("fuzz/corpus/$target")
    [ -n "$(ls -A "fuzz/artifacts/$target" 2>/dev/null)" ] && inputs+=("fuzz/artifacts/$target")
    echo "== $target: $(find "${inputs[@]}" -type f | wc -l) inputs"
    mkdir -p "$out"
    cargo +nightly fuzz coverage "$target" "${inputs[@]}" >"$out/$target.log" 2>&1 ||
        { echo "   coverage run failed: see $out/$target.log"; exit 1; }
    # cargo-fuzz builds coverage binaries under the repository's target/.
    object=target/$host/coverage/$host/release/$target
    profile=$out/$target/coverage.profdata
    "$bin/llvm-cov" report "$object" -instr-profile="$profile" -ignore-filename-regex="$ignore" \
        >"$out/report-$target.txt"
    tail -1 "$out/report-$target.txt" | awk '{printf "   src/ total: regions %s, functions %s, lines %s\n", $4, $7, $10}'
    objects+=(-object "$object")
    profiles+=("$profile")
done
"$bin/llvm-profdata" merge -sparse "${profiles[@]}" -o "$out/all.profdata"
"$bin/llvm-cov" report "${objects[@]}" -instr-profile="$out/all.profdata" \
    -ignore-filename-regex="$ignore" >"$out/report-all.txt"
"$bin/llvm-cov" show "${objects[@]}" -instr-profile="$out/all.profdata" \
    -ignore-filename-regex="$ignore" -show-line-counts -use-color=false |
    awk -F'|' '/^\/.*\.rs:$/ { file = $0; next }
               $2 ~ /^ *0$/ { sub(/^ */, "", $1); print file " " $1 ":" $3 }' >"$out/uncovered-all.txt"
echo "== all: $out/report-all.txt, uncovered lines: $out/uncovered-all.txt"
tail -1 "$out/report-all.txt"
