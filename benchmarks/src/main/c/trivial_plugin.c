/*
 * Trivial plugin under Plugin ABI v1 (plugins/ABI.md) for the throughput benchmark through the job
 * runner's PluginRunner: reads the job context from stdin and writes a valid PluginOutput (PASS, one
 * observation carrying a checksum of the context), so the run takes the whole result-building path.
 * Compiled to wasm32-wasi only (there is no native variant of this one).
 */
#include <stdint.h>
#include <stdio.h>

static char input[64 * 1024];

int main(void) {
    size_t n = fread(input, 1, sizeof input, stdin);
    if (n == sizeof input || ferror(stdin)) {
        fputs("ERROR: input too large or unreadable\n", stderr);
        return 1;
    }
    uint32_t fnv = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        fnv = (fnv ^ (unsigned char) input[i]) * 16777619u;
    }
    printf("{\"status\":\"PASS\",\"reason\":\"context read\",\"observations\":[{"
           "\"uuid\":\"5f0c7c1e-8a53-4c1e-9a43-2b8f0b2f6d11\",\"title\":\"job context\","
           "\"description\":\"%zu bytes of context, FNV-1a %08x\",\"methods\":[\"TEST\"]}]}\n", n, fnv);
    return fflush(stdout) == 0 ? 0 : 1;
}
