#!/usr/bin/env bash
# Generates the key material under test-vectors/keys/ with the openssl command (and
# python3 for the few malformed keys openssl will not write), plus, for each valid
# public key, the key id openssl itself computes:
#     openssl pkey -pubin -in KEY.pem -outform DER | sha256sum
# Key generation is random, so running this replaces the keys; the tests read the
# expected key ids from the *.kid files written here, never from licsig.
# Usage: test-vectors/gen/keys.sh   (from anywhere; needs openssl >= 3 and python3)
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/keys"
mkdir -p "$out"
cd "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

kid() { openssl pkey -pubin -in "$1" -outform DER | sha256sum | cut -d' ' -f1 > "${1%.pem}.kid"; }

# RSA: 2048 (valid), 2041 (fills 256 bytes but is too short), 1024 (too short).
for bits in 2048 2041 1024; do
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:$bits -out "$tmp/rsa$bits.key" 2>/dev/null
  openssl pkey -in "$tmp/rsa$bits.key" -pubout -out rsa$bits.pem
done
kid rsa2048.pem
openssl pkey -pubin -in rsa2048.pem -outform DER -out rsa2048.der
# What `aws kms get-public-key --query PublicKey --output text` prints: bare base64 DER.
base64 -w0 rsa2048.der > rsa2048.b64
openssl rsa -pubin -in rsa2048.pem -RSAPublicKey_out -out rsa2048.pkcs1.pem 2>/dev/null
openssl rsa -pubin -in rsa2048.pem -RSAPublicKey_out -outform DER -out rsa2048.pkcs1.der 2>/dev/null
# A certificate (self-signed; dates are not judged when a key is taken from it).
openssl req -x509 -new -key "$tmp/rsa2048.key" -subj /CN=licsig-test -days 36500 -out rsa2048.crt.pem 2>/dev/null
openssl x509 -in rsa2048.crt.pem -outform DER -out rsa2048.crt.der
# A private key, which must be refused.
cp "$tmp/rsa2048.key" rsa2048-PRIVATE-test-only.pem

# EC: P-256, P-384 (valid), P-521 (unsupported), compressed and explicit-parameter
# encodings of a P-256 key (refused).
for crv in P-256 P-384 P-521; do
  name=ec-$(echo $crv | tr -d - | tr A-Z a-z)
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:$crv -out "$tmp/$name.key"
  openssl pkey -in "$tmp/$name.key" -pubout -out $name.pem
done
kid ec-p256.pem
kid ec-p384.pem
openssl ec -in "$tmp/ec-p256.key" -pubout -conv_form compressed -out ec-p256-compressed.pem 2>/dev/null
openssl ec -in "$tmp/ec-p256.key" -pubout -param_enc explicit -out ec-p256-explicit.pem 2>/dev/null

# Ed25519.
openssl genpkey -algorithm ED25519 -out "$tmp/ed25519.key"
openssl pkey -in "$tmp/ed25519.key" -pubout -out ed25519.pem
kid ed25519.pem

# A bundle of three PEM keys.
cat rsa2048.pem ec-p256.pem ed25519.pem > bundle3.pem

# Malformed RSA keys openssl will not produce (python3 writes the DER): even
# exponent, exponent 1, and the 2048-bit modulus made even.
python3 - "$out" <<'PY'
import base64, subprocess, sys
out = sys.argv[1]
def tlv(tag, body):
    n = len(body)
    if n < 0x80: l = bytes([n])
    else:
        b = n.to_bytes((n.bit_length() + 7) // 8, 'big'); l = bytes([0x80 | len(b)]) + b
    return bytes([tag]) + l + body
def uint(v):
    b = v.to_bytes((v.bit_length() + 7) // 8 or 1, 'big')
    return tlv(2, (b'\x00' + b) if b[0] & 0x80 else b)
def spki_pem(n, e):
    pk = tlv(0x30, uint(n) + uint(e))
    alg = tlv(0x30, bytes.fromhex('06092a864886f70d010101') + b'\x05\x00')
    der = tlv(0x30, alg + tlv(3, b'\x00' + pk))
    b = base64.encodebytes(der).decode().replace('\n', '')
    lines = [b[i:i+64] for i in range(0, len(b), 64)]
    return '-----BEGIN PUBLIC KEY-----\n' + '\n'.join(lines) + '\n-----END PUBLIC KEY-----\n'
text = subprocess.run(['openssl', 'rsa', '-pubin', '-in', f'{out}/rsa2048.pem', '-noout', '-modulus'],
                      capture_output=True, text=True, check=True).stdout
n = int(text.strip().split('=')[1], 16)
for name, nn, e in [('rsa2048-e65536', n, 65536), ('rsa2048-e1', n, 1), ('rsa2048-even-n', n - 1, 65537)]:
    open(f'{out}/{name}.pem', 'w').write(spki_pem(nn, e))
PY
echo "wrote $(ls | wc -l) files to $out"
