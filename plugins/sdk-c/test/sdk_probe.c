/*
 * Exercises the SDK for its tests (plugins/test/sdk.test.mjs); not a plugin to ship.
 * configuration.mode selects what to do.
 */
#include <errno.h>
#include <string.h>

#include "assessment.h"

static bool list_entry(const char *path, const char *name, ar_entry_type type, int depth, void *user) {
    (void)name;
    ar_observation *o = user;
    static const char *const T[] = {"file", "dir", "symlink", "other"};
    static int n;
    ar_observation_propf(o, ar_fmt("entry%03d", n++), "%d %s %s", depth, T[type], path);
    return true;
}

int main(void) {
    ar_init();
    const char *mode = ar_config_string("mode", "echo");
    if (strcmp(mode, "echo") == 0) {
        /* every configuration member as the SDK reads it */
        ar_subject *s = ar_subject_add("component", ar_config_string("subject", "probe"), "the probe");
        ar_observation *o = ar_observation_add("configuration echo", "what the SDK read");
        ar_observation_method(o, AR_TEST);
        ar_observation_subject(o, s);
        const ar_json *cfg = ar_config();
        for (size_t i = 0; i < ar_json_size(cfg); i++)
            ar_observation_prop(o, ar_json_key_at(cfg, i), ar_json_dump(ar_json_at(cfg, i)));
        ar_observation_prop(o, "sdk.runId", ar_run_id());
        ar_observation_prop(o, "sdk.jobId", ar_job_id());
        ar_observation_prop(o, "sdk.controlId", ar_control_id());
        ar_observation_prop(o, "sdk.target", ar_has_target() ? ar_fmt("%s|%s|%s", ar_target_id(), ar_target_type(), ar_target_title()) : "none");
        const char *fact = ar_target_fact("address");
        ar_observation_prop(o, "sdk.fact.address", fact ? fact : "(absent)");
        ar_observation_propf(o, "sdk.int", "%lld", ar_config_int("int", -1));
        ar_observation_propf(o, "sdk.bool", "%d", ar_config_bool("bool", false));
        ar_observation_propf(o, "sdk.number", "%g", ar_config_number("number", 0.5));
        const char *const def[] = {"d1", "d2", NULL};
        const char *const *strs = ar_config_strings("strings", def);
        ar_observation_propf(o, "sdk.strings.count", "%zu", ar_count(strs));
        for (size_t i = 0; strs[i]; i++) ar_observation_prop(o, ar_fmt("sdk.strings.%zu", i), strs[i]);
        ar_observation_prop(o, "sdk.string", ar_config_string("string", "(default)"));
        ar_finding *f = ar_finding_add("probe-echo", AR_SATISFIED, "echoed", "the configuration was echoed");
        ar_finding_observation(f, o);
        ar_log(AR_DEBUG, "echo done");
        return ar_finish();
    }
    if (strcmp(mode, "json") == 0) {
        /* parse each string of 'docs' and report the canonical form or the error */
        const ar_json *docs = ar_json_get(ar_config(), "docs");
        ar_observation *o = ar_observation_add("json", "parser results");
        for (size_t i = 0; i < ar_json_size(docs); i++) {
            const ar_json *d = ar_json_at(docs, i);
            char err[200];
            ar_json *v = ar_json_parse(ar_json_string(d), ar_json_string_len(d), err, sizeof err);
            ar_observation_prop(o, ar_fmt("doc%03zu", i), v ? ar_fmt("ok %s", ar_json_dump(v)) : ar_fmt("error %s", err));
        }
        return ar_finish();
    }
    if (strcmp(mode, "text") == 0) {
        /* bytes that are not UTF-8, control characters, quotes: the writer must cope */
        const char *t = ar_config_string("text", "");
        ar_subject *s = ar_subject_add("resource", "bad \xff\xfe bytes \xc3\x28 \xed\xa0\x80 end", "");
        ar_observation *o = ar_observation_add(ar_fmt("title %s \x01\x1f\x7f \"q\" \\ \xe2\x82", t), "d");
        ar_observation_subject(o, s);
        ar_observation_prop(o, "raw", "\xc0\xaf overlong, \xf4\x90\x80\x80 too big, \xf0\x9f\x98\x80 ok");
        ar_observation_evidence(o, "/x\xff", "evidence \xe2\x82\xac");
        ar_log(AR_WARN, "log with newline\nand tab\t and NUL-free text");
        return ar_finish();
    }
    if (strcmp(mode, "digest") == 0) {
        const char *t = ar_config_string("text", "");
        ar_observation *o = ar_observation_add("digests", "digests of the text");
        ar_observation_prop(o, "sha256", ar_sha256_hex(t, strlen(t)));
        ar_observation_prop(o, "uuid", ar_uuid_from_name(t, strlen(t)));
        size_t n;
        const char *b64 = ar_config_string("base64", "");
        uint8_t *d = ar_base64_decode(b64, strlen(b64), &n);
        ar_observation_prop(o, "base64", d ? ar_sha256_hex(d, n) : "invalid");
        const ar_json *times = ar_json_get(ar_config(), "times");
        for (size_t i = 0; i < ar_json_size(times); i++) {
            long long t2 = 0;
            ar_json_int(ar_json_at(times, i), &t2);
            ar_observation_prop(o, ar_fmt("time%zu", i), ar_iso8601(t2));
        }
        ar_observation_propf(o, "now", "%lld", ar_now());
        return ar_finish();
    }
    if (strcmp(mode, "many") == 0) {
        long long n = ar_config_int("count", 1000);
        ar_subject *s = ar_subject_add("resource", "many", "");
        for (long long i = 0; i < n; i++) {
            ar_observation *o = ar_observation_add(ar_fmt("observation %lld", i), "one of many");
            ar_observation_subject(o, s);
            ar_finding *f = ar_finding_add("many", i % 2 ? AR_SATISFIED : AR_NOT_SATISFIED, "f", "d");
            ar_finding_observation(f, o);
            if (i % 2 == 0) ar_finding_raise_risk(f, "r", "d", "s");
        }
        return ar_finish();
    }
    if (strcmp(mode, "walk") == 0) {
        ar_observation *o = ar_observation_add("walk", "entries");
        int errors = ar_walk(ar_config_string("root", "/data"), (int)ar_config_int("depth", 8), list_entry, o);
        ar_observation_propf(o, "errors", "%d", errors);
        size_t len;
        char *content = ar_read_file(ar_config_string("file", "/data/a.txt"), 16, &len);
        ar_observation_prop(o, "read", content ? content : ar_fmt("error %s", strerror(errno)));
        return ar_finish();
    }
    if (strcmp(mode, "type-error") == 0) {
        ar_config_int("value", 0);
        return ar_finish();
    }
    if (strcmp(mode, "error") == 0) ar_error("cannot assess: %s", "because");
    if (strcmp(mode, "not-applicable") == 0) ar_not_applicable("no %s here", "sshd");
    if (strcmp(mode, "not-applicable-unmet") == 0) {
        ar_finding_add("unmet", AR_NOT_SATISFIED, "unmet", "a gap");
        ar_not_applicable("said to be not applicable");
    }
    if (strcmp(mode, "status") == 0) {
        ar_set_title("explicit");
        ar_set_status(AR_FAIL, "explicit failure");
        return ar_finish();
    }
    if (strcmp(mode, "blank-title") == 0) {
        ar_observation_add("  \t", "x");
        return ar_finish();
    }
    if (strcmp(mode, "finish-twice") == 0) {
        ar_finish();
        return ar_finish();
    }
    ar_error("unknown mode '%s'", mode);
}
