/*
 * Shared by the fuzz harnesses and their replay driver.
 *
 * Each harness defines LLVMFuzzerTestOneInput(): libFuzzer calls it in the
 * fuzz build (meson -Dfuzz=true, clang), replay.c calls it on every saved
 * input in the normal suite. A harness must not keep state from one input to
 * the next, except the scratch directory below, whose files it rewrites on
 * every call.
 */
#ifndef ADPA_FUZZ_H
#define ADPA_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A private scratch directory for this process (created on first use under
 * $TMPDIR or /tmp, removed with everything in it at exit). */
const char *fuzz_dir(void);

/* Creates (0600) or replaces dir/name with data[0..len); creates the
 * directories of name first. Aborts on failure: a harness that cannot write
 * its input would test nothing. */
void fuzz_write(const char *name, const void *data, size_t len);

/* Removes dir/name when it exists. */
void fuzz_remove(const char *name);

#endif
