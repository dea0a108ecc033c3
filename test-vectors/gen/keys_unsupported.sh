#!/usr/bin/env bash
# Generates public keys of kinds licsig refuses as unsupported_algorithm, into
# test-vectors/keys/: DSA, an RSASSA-PSS-restricted SPKI (OID 1.2.840.113549.1.1.10,
# what `openssl genpkey -algorithm RSA-PSS` writes) and secp256k1. Kept apart from
# keys.sh, whose rerun would replace every other key; keys are random, so rerunning
# this replaces these three.
# Usage: test-vectors/gen/keys_unsupported.sh   (needs openssl >= 3)
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/keys"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out "$tmp/dsa.params" 2>/dev/null
openssl genpkey -paramfile "$tmp/dsa.params" -out "$tmp/dsa.key" 2>/dev/null
openssl pkey -in "$tmp/dsa.key" -pubout -out "$out/dsa.pem"

openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out "$tmp/rsa-pss.key" 2>/dev/null
openssl pkey -in "$tmp/rsa-pss.key" -pubout -out "$out/rsa-pss.pem"

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 -out "$tmp/k1.key" 2>/dev/null
openssl pkey -in "$tmp/k1.key" -pubout -out "$out/ec-secp256k1.pem"
