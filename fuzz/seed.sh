#!/usr/bin/env bash
# Fills fuzz/corpus-seed/<target>/ (untracked, see .gitignore) with seed inputs from
# test-vectors/ and, when present, ../shared/vectors (published suites that must not be
# copied into tracked files). Files are named by their SHA-1, as libFuzzer names its own,
# so running this twice changes nothing.
#
#   fuzz/seed.sh            # from anywhere in the repo
#   cargo +nightly fuzz run canonicalize fuzz/corpus/canonicalize fuzz/corpus-seed/canonicalize
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared/vectors"
out="$root/fuzz/corpus-seed/canonicalize"
mkdir -p "$out"

add() { # add FILE...: copy each regular file under its content hash
    local f h
    for f in "$@"; do
        [ -f "$f" ] || continue
        h=$(sha1sum "$f" | cut -d' ' -f1)
        cp "$f" "$out/$h"
    done
}

add_text() { # add_text STRING: one seed holding STRING
    local h
    h=$(printf '%s' "$1" | sha1sum | cut -d' ' -f1)
    printf '%s' "$1" >"$out/$h"
}

zeros() { printf "%0${1}d" 0; }

# Numbers whose explicit exponent (5+ digits) is offset by their digits, which the
# parser rewrites before handing them to core (`nearest_f64` in src/json/parse.rs); a
# mutator is unlikely to type ten thousand zeros on its own.
add_text "0.$(zeros 10000)1e10005"         # 1e4
add_text "[-0.$(zeros 12000)25e12001]"     # -0.25
add_text "1$(zeros 10000)e-10000"          # 1
add_text "{\"n\":1$(zeros 20000)e-20309}" # a subnormal
add_text "0.$(zeros 9999)1e-99999"         # 0
add_text "[0e999999999999999999999, -0E+00000000000000000001, 1e-0000000000000000001]"

# Member names where UTF-16 order and code point order part (supplementary characters
# against U+E000..U+FFFF), raw and escaped; escapes of every kind; a duplicate hidden by
# an escape; an object large enough for the sort's non-trivial paths.
add_text '{"\uE000":1,"😀":2,"\uFFFF":3,"é":4,"a":5,"ÿ":6,"𐐷":7,"דּ":8,"𝄞":9,"":0}'
add_text '{"x":[{"xé":1,"x𐐷":2,"xדּ":3,"x𝄞":4,"x\ud83d\ude00":5,"x\uFB33y":6}]}'
add_text '["\u0000\u001f\u007f\b\f\n\r\t\"\\\/","\ud800\udc00\udbff\udfff","\u20AC€"]'
add_text '{"a":1,"b":{"c":2,"\u0061":3},"\u0062x":4}'
add_text '{"a":1,"\u0061":2}'
add_text "{$(for i in $(seq 40 -1 1); do printf '"k%02d":%d,' $((i * 7 % 41)) "$i"; done)\"\":0}"

# The project's own vectors: every JSON text under test-vectors/.
while IFS= read -r -d '' f; do add "$f"; done \
    < <(find "$root/test-vectors" -type f -name '*.json' -print0)

if [ -d "$shared" ]; then
    add "$shared"/jcs/testdata/input/*.json
    add "$shared"/jcs/rfc8785/*.input.json
    # Accepted, refused and implementation-defined inputs alike: the refusals teach
    # the fuzzer the error paths. Files over libFuzzer's -max_len are cut by it.
    add "$shared"/jsontestsuite/test_parsing/*.json
    add "$shared"/jsontestsuite/test_transform/*.json
    add "$shared"/blns/blns_as_keys.input.json "$shared"/blns/blns_as_values.input.json
    # RFC 8785 Appendix B: each expected number on its own, and as an array element.
    while IFS=, read -r _ expected _; do
        [ "$expected" = expected ] && continue
        add_text "$expected"
        add_text "[$expected]"
    done <"$shared/jcs/rfc8785/appendix_b_numbers.csv"
    # A sample of the ES6 number-formatting file (every 1000th line).
    awk -F, 'NR % 1000 == 1 { print $2 }' "$shared/jcs/es6/es6_100k.txt" |
        while IFS= read -r n; do add_text "$n"; done
    # Each naughty string alone, as a member name and value (jq writes JSON escapes).
    if command -v jq >/dev/null; then
        jq -c '.[] | {(.): .}' "$shared/blns/blns.json" |
            while IFS= read -r line; do add_text "$line"; done
    fi
else
    echo "note: $shared not found; seeding from test-vectors/ only" >&2
fi

echo "$(find "$out" -type f | wc -l) seeds in $out"
