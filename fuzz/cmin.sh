#!/usr/bin/env bash
# Minimises the tracked corpus of one target, fuzz/corpus/<target>/, after a run:
#
#   fuzz/cmin.sh canonicalize
#
# 0. Adds the target's seeds (fuzz/corpus-seed/<target>/, from seed.sh and
#    seed_targets.py) to the corpus: libFuzzer reads them but never writes them to the
#    corpus, so a seed that reaches code no mutation reached (a valid x5c chain, a
#    verified license) would otherwise be missing from the replay and the coverage.
# 1. Leaves out every input that holds a verbatim run of 64 bytes or more from a file of
#    ../shared/vectors: libFuzzer writes reduced copies of seeds into the corpus, and
#    published suites must not end up in tracked files. (Runs of fewer than 8 distinct
#    byte values, such as `[[[[…`, are not counted as copies.)
# 2. `cargo fuzz cmin` with -use_counters=0: keeps every coverage edge the corpus
#    reaches but not every hit-count bucket, which keeps the tracked corpus to a few
#    hundred small files instead of thousands.
set -euo pipefail

target=${1:?usage: fuzz/cmin.sh TARGET}
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/fuzz/corpus/$target"
shared="$root/../shared/vectors"
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }
seeds="$root/fuzz/corpus-seed/$target"
if [ -d "$seeds" ]; then
    for f in "$seeds"/*; do
        [ -f "$f" ] && cp "$f" "$corpus/seed-$(basename "$f")"
    done
fi

if [ -d "$shared" ]; then
    python3 - "$shared" "$corpus" <<'EOF'
import os, sys

shared, corpus = sys.argv[1], sys.argv[2]
W, STEP = 48, 16  # every run of >= W + STEP bytes covers a window starting at k*STEP

def windows(data, step):
    for i in range(0, len(data) - W + 1, step):
        w = data[i:i + W]
        if len(set(w)) >= 8:
            yield w

known = set()
for dirpath, _, files in os.walk(shared):
    for name in files:
        with open(os.path.join(dirpath, name), "rb") as f:
            known.update(hash(w) for w in windows(f.read(), STEP))

dropped = 0
for name in sorted(os.listdir(corpus)):
    path = os.path.join(corpus, name)
    if name.startswith(".") or not os.path.isfile(path):
        continue
    with open(path, "rb") as f:
        data = f.read()
    if any(hash(w) in known for w in windows(data, 1)):
        os.remove(path)
        dropped += 1
print(f"{dropped} inputs holding runs of ../shared/vectors left out")
EOF
fi

cd "$root"
cargo +nightly fuzz cmin "$target" "fuzz/corpus/$target" -- \
    -use_counters=0 -rss_limit_mb=2048 -timeout=10 -max_len=65536 2>&1 |
    grep -aE 'MERGE-OUTER: [0-9]+ new files' || true
echo "fuzz/corpus/$target: $(find "$corpus" -type f ! -name '.*' | wc -l) files," \
    "$(du -sh --apparent-size "$corpus" | cut -f1)"
