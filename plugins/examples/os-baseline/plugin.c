/*
 * examples/os-baseline: identifies the operating system from os-release(5) and checks it against a
 * baseline of allowed distributions and minimum versions, and against the vendor's end of support.
 *
 * os-release is read as systemd specifies: /etc/os-release, else /usr/lib/os-release. On most
 * distributions /etc/os-release is a relative symbolic link into /usr/lib, which does not resolve
 * inside the sandbox (a link may not leave its granted directory), so the fallback is the normal path.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assessment.h"

typedef struct {
    char *key, *value;
} kv;

static kv *vars;
static size_t nvars;

static const char *get(const char *key) {
    for (size_t i = nvars; i-- > 0;) /* a later assignment wins, as in a shell */
        if (strcmp(vars[i].key, key) == 0) return vars[i].value;
    return NULL;
}

/* One value: unquoted, "double quoted" (\" \\ \$ \` escapes) or 'single quoted'. */
static char *unquote(const char *v, bool *ok) {
    size_t n = strlen(v);
    char *out = ar_alloc(n + 1), *o = out;
    *ok = true;
    while (*v) {
        if (*v == '"') {
            v++;
            while (*v && *v != '"') {
                if (*v == '\\' && v[1] && strchr("\"\\$`", v[1])) v++;
                *o++ = *v++;
            }
            if (*v != '"') *ok = false;
            else v++;
        } else if (*v == '\'') {
            v++;
            while (*v && *v != '\'') *o++ = *v++;
            if (*v != '\'') *ok = false;
            else v++;
        } else if (*v == '\\' && v[1]) {
            v++;
            *o++ = *v++;
        } else {
            *o++ = *v++;
        }
    }
    *o = 0;
    return out;
}

static void parse(const char *path, char *text) {
    int lineno = 0;
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        lineno++;
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t')) line[--n] = 0;
        while (*line == ' ' || *line == '\t') line++;
        if (!*line || *line == '#') continue;
        char *eq = strchr(line, '=');
        bool name_ok = eq && eq != line;
        for (char *k = line; name_ok && k < eq; k++)
            if (!((*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9') || *k == '_')) name_ok = false;
        if (!name_ok) {
            ar_log(AR_WARN, "%s:%d: not a KEY=value assignment; ignored", path, lineno);
            continue;
        }
        *eq = 0;
        bool ok;
        char *value = unquote(eq + 1, &ok);
        if (!ok) ar_log(AR_WARN, "%s:%d: unterminated quote in %s", path, lineno, line);
        vars = ar_realloc(vars, (nvars + 1) * sizeof *vars);
        vars[nvars++] = (kv){ar_strdup(line), value};
    }
}

static int compare_component(const char *a, size_t la, const char *b, size_t lb) {
    bool na = strspn(a, "0123456789") >= la, nb = strspn(b, "0123456789") >= lb; /* empty counts as 0 */
    if (na && nb) {
        while (la && *a == '0') a++, la--;
        while (lb && *b == '0') b++, lb--;
        if (la != lb) return la < lb ? -1 : 1;
        int c = strncmp(a, b, la);
        return (c > 0) - (c < 0);
    }
    int c = strncmp(a, b, la < lb ? la : lb);
    if (c) return (c > 0) - (c < 0);
    return la == lb ? 0 : la < lb ? -1 : 1;
}

/* Compares versions component by component ("22.04" > "20.10", "12" == "12.0"): numbers numerically,
 * anything else as text. */
static int compare_versions(const char *a, const char *b) {
    while (*a || *b) {
        size_t la = strcspn(a, ".-~"), lb = strcspn(b, ".-~");
        int c = compare_component(a, la, b, lb);
        if (c) return c;
        a += la;
        b += lb;
        if (*a) a++;
        if (*b) b++;
    }
    return 0;
}

/* SUPPORT_END is YYYY-MM-DD; returns the epoch seconds of that day's end, or -1. */
static long long support_end(const char *s) {
    int y, m, d;
    char tail;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31) return -1;
    long long yy = y - (m <= 2);
    long long era = (yy >= 0 ? yy : yy - 399) / 400;
    long long yoe = yy - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (era * 146097 + doe - 719468) * 86400 + 86399;
}

static const char *const KEYS[] = {"NAME", "ID", "ID_LIKE", "VERSION", "VERSION_ID", "VERSION_CODENAME", "PRETTY_NAME",
                                   "VARIANT_ID", "BUILD_ID", "IMAGE_ID", "IMAGE_VERSION", "SUPPORT_END", NULL};

int main(void) {
    ar_init();
    static const char *const default_paths[] = {"/etc/os-release", "/usr/lib/os-release", NULL};
    const char *const *paths = ar_config_strings("osReleasePaths", default_paths);
    bool allow_missing_version = ar_config_bool("allowMissingVersion", false);
    bool check_support_end = ar_config_bool("checkSupportEnd", true);
    long long support_warn_days = ar_config_int("supportEndWarnDays", 0);
    ar_set_title("Operating system baseline");

    /* the baseline: configured, or a default of current releases */
    const ar_json *allowed = ar_json_get(ar_config(), "allowed");
    ar_json *defaults = NULL;
    if (!allowed || ar_json_typeof(allowed) == AR_JSON_NULL) {
        static const char def[] = "[{\"id\":\"debian\",\"minVersion\":\"12\"},{\"id\":\"ubuntu\",\"minVersion\":\"22.04\"},"
                                  "{\"id\":\"rhel\",\"minVersion\":\"9\"},{\"id\":\"rocky\",\"minVersion\":\"9\"},"
                                  "{\"id\":\"almalinux\",\"minVersion\":\"9\"}]";
        defaults = ar_json_parse(def, sizeof def - 1, NULL, 0);
        allowed = defaults;
    }
    if (ar_json_typeof(allowed) != AR_JSON_ARRAY) ar_error("configuration 'allowed' must be an array of objects");
    for (size_t i = 0; i < ar_json_size(allowed); i++) {
        const ar_json *e = ar_json_at(allowed, i);
        if (ar_json_typeof(e) != AR_JSON_OBJECT || !ar_json_string(ar_json_get(e, "id")))
            ar_error("configuration 'allowed[%zu]' must be an object with a string 'id'", i);
        const ar_json *mn = ar_json_get(e, "minVersion"), *mx = ar_json_get(e, "maxVersion");
        if ((mn && !ar_json_string(mn)) || (mx && !ar_json_string(mx)))
            ar_error("configuration 'allowed[%zu]': minVersion and maxVersion must be strings", i);
    }

    /* read os-release */
    const char *path = NULL;
    char *text = NULL;
    size_t len = 0;
    for (size_t i = 0; paths[i] && !text; i++) {
        text = ar_read_file(paths[i], 1 << 20, &len);
        if (text) path = paths[i];
        else ar_log(AR_DEBUG, "cannot read %s: %s", paths[i], strerror(errno));
    }
    if (!text) {
        char *tried = ar_strdup("");
        for (size_t i = 0; paths[i]; i++) tried = ar_fmt("%s%s%s", tried, i ? ", " : "", paths[i]);
        ar_error("no os-release file can be read (tried %s)", tried);
    }
    char *sha = ar_sha256_hex(text, len);
    parse(path, text);

    const char *id = get("ID"), *version_id = get("VERSION_ID"), *pretty = get("PRETTY_NAME");
    if (!id || !*id) id = "linux"; /* os-release(5): ID defaults to "linux" */
    if (!pretty || !*pretty) pretty = get("NAME");
    if (!pretty || !*pretty) pretty = "Linux";

    ar_subject *os = ar_subject_add("component", version_id && *version_id ? ar_fmt("%s-%s", id, version_id) : id, pretty);
    for (size_t i = 0; KEYS[i]; i++)
        if (get(KEYS[i])) ar_subject_prop(os, KEYS[i], get(KEYS[i]));

    ar_observation *o = ar_observation_add(
        "Operating system release",
        ar_fmt("%s: ID=%s, VERSION_ID=%s, read from %s.", pretty, id, version_id ? version_id : "(none)", path));
    ar_observation_method(o, AR_EXAMINE);
    ar_observation_subject(o, os);
    for (size_t i = 0; KEYS[i]; i++)
        if (get(KEYS[i])) ar_observation_prop(o, KEYS[i], get(KEYS[i]));
    ar_observation_prop(o, "source", path);
    ar_observation_evidence(o, path, ar_fmt("os-release, sha256 %s", sha));

    /* distribution */
    const ar_json *match = NULL;
    char *ids = ar_strdup("");
    for (size_t i = 0; i < ar_json_size(allowed); i++) {
        const char *aid = ar_json_string(ar_json_get(ar_json_at(allowed, i), "id"));
        ids = ar_fmt("%s%s%s", ids, i ? ", " : "", aid);
        if (!match && strcmp(aid, id) == 0) match = ar_json_at(allowed, i);
    }
    ar_finding *f = ar_finding_add(
        "os-allowed-distribution", match ? AR_SATISFIED : AR_NOT_SATISFIED,
        match ? ar_fmt("%s is an allowed distribution", id) : ar_fmt("%s is not an allowed distribution", id),
        match ? ar_fmt("The operating system is %s (ID=%s), which the baseline allows.", pretty, id)
              : ar_fmt("The operating system is %s (ID=%s); the baseline allows only: %s.", pretty, id, ids));
    ar_finding_observation(f, o);
    if (!match)
        ar_finding_raise_risk(f, "Operating system outside the baseline",
                              ar_fmt("%s is not one of the approved distributions (%s).", pretty, ids),
                              "Impact: moderate to high - hardening guides, patch processes and support contracts may not "
                              "cover it. Likelihood: depends on how the host is used.");

    /* version */
    if (match) {
        const char *min = ar_json_string(ar_json_get(match, "minVersion"));
        const char *max = ar_json_string(ar_json_get(match, "maxVersion"));
        if (min || max) {
            const char *problem = NULL;
            if (!version_id || !*version_id) {
                if (!allow_missing_version)
                    problem = "has no VERSION_ID (a rolling or testing release), so its version cannot be compared";
            } else if (min && compare_versions(version_id, min) < 0) {
                problem = ar_fmt("is version %s, older than the minimum %s", version_id, min);
            } else if (max && compare_versions(version_id, max) > 0) {
                problem = ar_fmt("is version %s, newer than the maximum %s", version_id, max);
            }
            char *range = min && max ? ar_fmt("%s to %s", min, max) : min ? ar_fmt("%s or later", min) : ar_fmt("up to %s", max);
            ar_finding *v = ar_finding_add(
                "os-minimum-version", problem ? AR_NOT_SATISFIED : AR_SATISFIED,
                problem ? ar_fmt("%s version outside the baseline", id) : ar_fmt("%s version within the baseline", id),
                problem ? ar_fmt("%s %s; the baseline requires %s.", pretty, problem, range)
                        : ar_fmt("%s (VERSION_ID=%s) is within the baseline (%s).", pretty,
                                 version_id && *version_id ? version_id : "none", range));
            ar_finding_observation(v, o);
            if (problem)
                ar_finding_raise_risk(v, "Operating system version outside the baseline",
                                      ar_fmt("%s %s.", pretty, problem),
                                      "Impact: high - old releases stop receiving security updates. Likelihood: high once "
                                      "vulnerabilities are published for an unsupported release.");
        }
    }

    /* vendor support */
    const char *end = get("SUPPORT_END");
    if (check_support_end && end && *end) {
        long long until = support_end(end), now = ar_now();
        if (until < 0) {
            ar_log(AR_WARN, "SUPPORT_END '%s' is not a YYYY-MM-DD date; support end not checked", end);
        } else if (now < 0) {
            ar_log(AR_WARN, "no clock; support end not checked");
        } else {
            bool over = now > until, soon = !over && now + support_warn_days * 86400 > until;
            ar_finding *s = ar_finding_add(
                "os-support-end", over || soon ? AR_NOT_SATISFIED : AR_SATISFIED,
                over ? ar_fmt("%s is no longer supported", pretty)
                     : soon ? ar_fmt("%s support ends soon", pretty) : ar_fmt("%s is supported", pretty),
                over ? ar_fmt("The vendor's support for %s ended on %s.", pretty, end)
                     : soon ? ar_fmt("The vendor's support for %s ends on %s, within %lld days.", pretty, end, support_warn_days)
                            : ar_fmt("The vendor supports %s until %s.", pretty, end));
            ar_finding_observation(s, o);
            if (over || soon)
                ar_finding_raise_risk(s, "Operating system without vendor support",
                                      ar_fmt("Support for %s %s on %s.", pretty, over ? "ended" : "ends", end),
                                      "Impact: high - no more security updates. Likelihood: high over time.");
        }
    }
    return ar_finish();
}
