#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/*.rs) for N minutes each, one after another,
# one libFuzzer job at a time, then minimises each target's tracked corpus (fuzz/cmin.sh).
#
#   scripts/fuzz-all.sh 10                 # 10 minutes per target, every target
#   scripts/fuzz-all.sh 60 license jws     # 60 minutes each for the targets named
#
# Needs nightly and cargo-fuzz (`cargo install cargo-fuzz`). Logs go to
# fuzz/target/fuzz-all/<target>.log (untracked). A crash input lands in
# fuzz/artifacts/<target>/; the script goes on with the other targets and exits 1 at the
# end. Review and commit fuzz/corpus/ and fuzz/artifacts/ afterwards.
set -euo pipefail

minutes=${1:?usage: scripts/fuzz-all.sh MINUTES_PER_TARGET [TARGET ...]}
shift
# (0 would mean "no limit" to libFuzzer.)
case $minutes in '' | 0 | *[!0-9]*) echo "MINUTES_PER_TARGET must be a whole number ≥ 1" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."

# The budgets fuzz/README.md states; each is an error in its own right.
flags=(-rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1
    "-max_total_time=$((minutes * 60))")

fuzz/seed.sh
# The other targets' seeds, where a script for them exists.
[ -f fuzz/seed_targets.py ] && python3 fuzz/seed_targets.py
logs=fuzz/target/fuzz-all
mkdir -p "$logs"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for src in fuzz/fuzz_targets/*.rs; do targets+=("$(basename "$src" .rs)"); done
fi
for target in "${targets[@]}"; do
    [ -f "fuzz/fuzz_targets/$target.rs" ] || { echo "no fuzz target named $target" >&2; exit 2; }
done
failed=()
for target in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
    # New inputs go to the first directory, the tracked corpus; seeds are read only.
    dirs=("fuzz/corpus/$target")
    [ -d "fuzz/corpus-seed/$target" ] && dirs+=("fuzz/corpus-seed/$target")
    log="$logs/$target.log"
    echo "== $target: $minutes min, log $log"
    if cargo +nightly fuzz run "$target" "${dirs[@]}" -- "${flags[@]}" >"$log" 2>&1; then
        grep -aE "^#[0-9]+[[:space:]]+DONE" "$log" | tail -1 || true
        grep -aE '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" || true
        fuzz/cmin.sh "$target" 2>"$logs/$target.cmin.log" | sed 's/^/   /'
    else
        echo "   FAILED: see $log and fuzz/artifacts/$target/"
        failed+=("$target")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "targets that failed: ${failed[*]}"
    exit 1
fi
