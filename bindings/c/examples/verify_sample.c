/*
 * Verifies the bundled sample license through the C interface, reads its
 * entitlements, and shows two refusals (a tampered file, another machine).
 *
 * Build and run from the repository root (bindings/c/README.md):
 *   cargo build -p licsig-c
 *   cc -std=c11 -Wall -Wextra -Werror -I bindings/c/include \
 *      bindings/c/examples/verify_sample.c target/debug/liblicsig.a \
 *      -lpthread -ldl -lm -o verify_sample
 *   ./verify_sample test-vectors/sample/vendor-public-key.pem \
 *                   test-vectors/sample/license-file.json
 *
 * Exits 0 when every outcome is the expected one, 1 otherwise.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "licsig.h"

/* 2026-11-22T00:00:00Z: within the sample's validity (2026-11-01 to 2036-11-01).
 * A product passes the current time, from a source it trusts. */
#define SAMPLE_NOW 1795305600
#define NODE_ID "100.20.15.10"
/* Key files and licenses are small; anything larger is refused before reading. */
#define MAX_FILE_BYTES (1024 * 1024)

/* Reads a whole file into a new buffer (NUL-terminated, `*len` without the NUL);
 * NULL on failure, with a message. */
static uint8_t *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    perror(path);
    return NULL;
  }
  uint8_t *data = malloc(MAX_FILE_BYTES + 1);
  size_t n = data == NULL ? 0 : fread(data, 1, MAX_FILE_BYTES + 1, f);
  int failed = data == NULL || ferror(f) || n > MAX_FILE_BYTES;
  fclose(f);
  if (failed) {
    fprintf(stderr, "%s: unreadable or over %d bytes\n", path, MAX_FILE_BYTES);
    free(data);
    return NULL;
  }
  /* A NUL after the bytes, so that the tampering below can search them as text. */
  data[n] = 0;
  *len = n;
  return data;
}

/* Prints a refusal as the licsig command does, and frees the error. */
static void report(const char *what, licsig_status status, licsig_error *err) {
  printf("%s: REJECTED (%s, status %d): %s\n", what, licsig_status_name(status),
         (int)status, licsig_error_message(err, NULL));
  licsig_error_free(err);
}

/* Verifies `data` with a verifier for `node_id`; the license or NULL. */
static licsig_status verify(const licsig_keyset *keys, const char *node_id,
                            const uint8_t *data, size_t len,
                            licsig_license **license, licsig_error **err) {
  licsig_verifier *verifier = NULL;
  licsig_status status = licsig_verifier_new(keys, &verifier, err);
  if (status == LICSIG_OK) {
    status = licsig_verifier_set_node_id(verifier, node_id, strlen(node_id), err);
  }
  if (status == LICSIG_OK) {
    static const char required[] = "Feature.Export";
    status = licsig_verifier_require_entitlement(verifier, required,
                                                 sizeof required - 1, err);
  }
  if (status == LICSIG_OK) {
    status = licsig_verify(verifier, data, len, SAMPLE_NOW, license, err);
  }
  /* The license does not depend on the verifier. */
  licsig_verifier_free(verifier);
  return status;
}

static void print_license(const licsig_license *license) {
  const char *text;
  size_t len;
  licsig_license_arn(license, &text, &len);
  printf("VALID\n  license    %.*s\n", (int)len, text);
  licsig_license_form(license, &text, &len);
  printf("  form       %.*s\n", (int)len, text);
  licsig_license_kid(license, &text, &len);
  printf("  key id     %.*s\n", (int)len, text);
  licsig_license_algorithm(license, &text, &len);
  printf("  algorithm  %.*s\n", (int)len, text);
  licsig_license_node_id(license, &text, &len);
  printf("  node       %.*s\n", (int)len, text == NULL ? "(any)" : text);

  int64_t issued = 0, expires = 0;
  bool has_expiry = false;
  licsig_license_issued_at(license, &issued);
  licsig_license_not_after(license, &has_expiry, &expires);
  printf("  issued     %" PRId64 " (unix seconds)\n", issued);
  if (has_expiry) {
    printf("  expires    %" PRId64 " (unix seconds)\n", expires);
  } else {
    printf("  expires    never\n");
  }

  size_t count = 0;
  licsig_license_entitlement_count(license, &count);
  for (size_t i = 0; i < count; i++) {
    const licsig_entitlement *e = NULL;
    const char *name, *unit, *value;
    size_t name_len, unit_len, value_len;
    licsig_license_entitlement_at(license, i, &e);
    licsig_entitlement_name(e, &name, &name_len);
    licsig_entitlement_unit(e, &unit, &unit_len);
    licsig_entitlement_value(e, &value, &value_len);
    printf("  %-14.*s %-10.*s %.*s\n", (int)name_len, name, (int)unit_len, unit,
           (int)value_len, value == NULL ? "" : value);
  }
}

/* The product's gate: the seat count and the export feature. */
static int check_entitlements(const licsig_license *license) {
  const licsig_entitlement *seats = NULL, *export_feature = NULL;
  licsig_error *err = NULL;
  uint64_t seat_count = 0;
  bool can_export = false;
  licsig_status status =
      licsig_license_entitlement(license, "Seats", 5, &seats, &err);
  if (status == LICSIG_OK) {
    status = licsig_entitlement_count(seats, &seat_count, &err);
  }
  if (status == LICSIG_OK) {
    status = licsig_license_entitlement(license, "Feature.Export", 14,
                                        &export_feature, &err);
  }
  if (status == LICSIG_OK) {
    status = licsig_entitlement_boolean(export_feature, &can_export, &err);
  }
  if (status != LICSIG_OK) {
    report("entitlements", status, err);
    return 1;
  }
  printf("Seats = %" PRIu64 ", Feature.Export = %s\n", seat_count,
         can_export ? "true" : "false");
  return seat_count == 25 && can_export ? 0 : 1;
}

int main(int argc, char **argv) {
  const char *key_path =
      argc > 1 ? argv[1] : "test-vectors/sample/vendor-public-key.pem";
  const char *license_path =
      argc > 2 ? argv[2] : "test-vectors/sample/license-file.json";
  int failures = 0;

  printf("licsig %s\n", licsig_version());

  size_t key_len = 0, license_len = 0;
  uint8_t *key_pem = read_file(key_path, &key_len);
  uint8_t *bytes = read_file(license_path, &license_len);
  if (key_pem == NULL || bytes == NULL) {
    free(key_pem);
    free(bytes);
    return 1;
  }

  licsig_keyset *keys = NULL;
  licsig_error *err = NULL;
  licsig_status status = licsig_keyset_from_bytes(key_pem, key_len, &keys, &err);
  free(key_pem);
  if (status != LICSIG_OK) {
    report(key_path, status, err);
    free(bytes);
    return 1;
  }

  /* The genuine license, on its own machine. */
  licsig_license *license = NULL;
  status = verify(keys, NODE_ID, bytes, license_len, &license, &err);
  if (status == LICSIG_OK) {
    print_license(license);
    failures += check_entitlements(license);
  } else {
    report(license_path, status, err);
    failures++;
  }
  licsig_license_free(license);

  /* The same license on another machine. */
  license = NULL;
  err = NULL;
  status = verify(keys, "10.0.0.7", bytes, license_len, &license, &err);
  report("on node 10.0.0.7", status, err);
  failures += status != LICSIG_NODE_MISMATCH || license != NULL;
  licsig_license_free(license);

  /* The license with its seat count raised from 25 to 99 after signing. */
  const char *seats = strstr((const char *)bytes, "\"25\"");
  if (seats != NULL && (size_t)(seats - (const char *)bytes) < license_len) {
    size_t at = (size_t)(seats - (const char *)bytes);
    bytes[at + 1] = '9';
    bytes[at + 2] = '9';
  }
  license = NULL;
  err = NULL;
  status = verify(keys, NODE_ID, bytes, license_len, &license, &err);
  report("with 99 seats", status, err);
  failures += status != LICSIG_BAD_SIGNATURE || license != NULL;
  licsig_license_free(license);

  licsig_keyset_free(keys);
  free(bytes);
  if (failures != 0) {
    fprintf(stderr, "%d unexpected outcome(s)\n", failures);
    return 1;
  }
  return 0;
}
