/*
 * examples/sysctl-hardening: checks the kernel hardening settings configured persistently for sysctl.
 *
 * Reads the files systemd-sysctl and `sysctl --system` apply at boot, in their documented precedence
 * (sysctl.d(5)): every *.conf file of the sysctl.d directories, a file name in an earlier directory
 * hiding the same name in later ones (/etc/sysctl.d before /usr/lib/sysctl.d; a link to /dev/null
 * masks), all of them applied in the lexicographic order of their names, then /etc/sysctl.conf last;
 * within a file, later lines win. Lines are "key = value"; '#' and ';' start comments; a leading '-'
 * only tells sysctl to ignore a failure to set the key; keys may be written with '/' instead of '.';
 * a glob key (net.ipv4.conf.*.rp_filter) sets every key it matches unless a key is named explicitly,
 * and "-key" alone excludes that key from the globs (systemd's rules). Malformed lines are reported
 * and ignored, as sysctl ignores them.
 *
 * Live values are out of reach: the runtime never grants /proc, so what is checked is the
 * configuration the kernel gets at boot, not what someone may have changed since with sysctl -w.
 *
 * Each expectation is one finding (targetId sysctl-<key>); its observation names the NIST SP 800-53
 * control it serves (prop nist-800-53).
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assessment.h"

#define MAX_FILE_BYTES (1u << 20) /* a sysctl file larger than 1 MiB is not a configuration file */
#define MAX_FILES 1024            /* *.conf files over all directories */
#define MAX_DIRECTORIES 16
#define MAX_REPORTED_LINES 50     /* malformed lines reported one by one; the rest are counted */
#define EXCERPT 160               /* bytes of a line quoted in a message */

/* ---------------------------------------------------------------------------------------------- */
/* The baseline                                                                                    */

typedef struct {
    const char *key;
    long long allowed[4]; /* nallowed of them; or min/max */
    int nallowed;
    bool has_min, has_max;
    long long min, max;
    const char *control;        /* NIST SP 800-53 (rev. 5) control, OSCAL id form */
    const char *kernel_default; /* upstream kernel default, for the "not set" text */
    const char *risk_title;
    const char *risk_statement;
} baseline_entry;

/*
 * Controls: the DISA RHEL 9 STIG's CCI mapping where it names one beyond CM-6 (every setting here is
 * a CM-6 configuration setting, the job's control), else ComplianceAsCode's NIST reference.
 */
static const baseline_entry BASELINE[] = {
    {"kernel.randomize_va_space", {2}, 1, false, false, 0, 0, "si-16", "2",
     "Address space layout randomization weakened",
     "Impact: high - predictable memory layout makes memory-corruption exploits reliable. Likelihood: moderate."},
    {"kernel.kptr_restrict", {0}, 0, true, true, 1, 2, "si-16", "0",
     "Kernel addresses disclosed to unprivileged users",
     "Impact: moderate - kernel pointers in /proc defeat KASLR and help kernel exploits. Likelihood: moderate."},
    {"kernel.dmesg_restrict", {1}, 1, false, false, 0, 0, "sc-4", "0 (unless the kernel is built with SECURITY_DMESG_RESTRICT)",
     "Kernel log readable by unprivileged users",
     "Impact: moderate - the kernel log reveals addresses, hardware and driver details useful to an attacker. Likelihood: moderate."},
    {"fs.protected_hardlinks", {1}, 1, false, false, 0, 0, "ac-3.4", "0 (systemd's 50-default.conf sets 1)",
     "Hard links to other users' files allowed",
     "Impact: high - hard-link races against privileged programs lead to privilege escalation. Likelihood: low to moderate."},
    {"fs.protected_symlinks", {1}, 1, false, false, 0, 0, "ac-3.4", "0 (systemd's 50-default.conf sets 1)",
     "Symbolic links in sticky directories followed",
     "Impact: high - symlink races in /tmp against privileged programs lead to privilege escalation. Likelihood: low to moderate."},
    {"fs.suid_dumpable", {0}, 1, false, false, 0, 0, "si-11", "0",
     "Core dumps of privileged programs allowed",
     "Impact: moderate - a core dump of a setuid program can expose secrets it held in memory. Likelihood: low."},
    {"net.ipv4.conf.all.accept_redirects", {0}, 1, false, false, 0, 0, "sc-7", "1",
     "ICMP redirects accepted",
     "Impact: moderate - forged redirects reroute the host's traffic through an attacker. Likelihood: low to moderate."},
    {"net.ipv4.conf.all.send_redirects", {0}, 1, false, false, 0, 0, "sc-7", "1",
     "ICMP redirects sent",
     "Impact: low - a host that is not a router discloses routing information and can help redirect traffic. Likelihood: low."},
    {"net.ipv4.conf.all.accept_source_route", {0}, 1, false, false, 0, 0, "sc-7", "0 on hosts",
     "Source-routed packets accepted",
     "Impact: moderate - source routing lets packets bypass network boundaries and filters. Likelihood: low."},
    {"net.ipv4.tcp_syncookies", {1}, 1, false, false, 0, 0, "sc-5", "1 (with SYN_COOKIES built in)",
     "No SYN flood protection",
     "Impact: moderate - a SYN flood exhausts the connection backlog and denies service. Likelihood: moderate."},
    {"net.ipv4.conf.all.rp_filter", {1, 2}, 2, false, false, 0, 0, "sc-7", "0",
     "Reverse path filtering off",
     "Impact: moderate - spoofed source addresses are accepted, easing spoofing and reflection attacks. Likelihood: moderate."},
    {"kernel.yama.ptrace_scope", {0}, 0, true, true, 1, 3, "sc-2", "1 when Yama is built in (0 without it)",
     "Any process may trace other processes of its user",
     "Impact: high - a compromised process can read the memory of the user's other processes (SSH agents, "
     "browsers). Likelihood: moderate."},
};
#define NBASELINE (sizeof BASELINE / sizeof BASELINE[0])

/* One expectation, from the baseline with the configuration's "expect" merged over it. */
typedef struct {
    char *key; /* dotted form */
    char *id;  /* sysctl-<key>, the finding's targetId */
    const ar_json *allowed; /* from the configuration, or NULL */
    long long allowed_ints[4];
    int nallowed_ints;
    bool has_min, has_max;
    long long min, max;
    char *control;
    const char *kernel_default;
    const char *risk_title, *risk_statement;
} check;

static check *checks;
static size_t nchecks;

/* ---------------------------------------------------------------------------------------------- */
/* Assignments read from the files, in the order sysctl applies them                               */

typedef struct {
    char *key;   /* normalized to the dotted form */
    char *value; /* NULL for "-key": excluded from globs */
    char *file;
    int line;
    bool glob;
    char *text; /* the line as written, trimmed, cut to EXCERPT bytes */
} assignment;

static assignment *assignments;
static size_t nassignments, capassignments;

typedef struct {
    char *path;     /* as read (a link's own path) */
    char *name;     /* basename */
    char *target;   /* a link's target, or NULL */
    bool masked;    /* a link to /dev/null: hides the same name, sets nothing */
    char *sha256;
    size_t bytes;
    ar_subject *subject;
} conf_file;

static conf_file *files; /* sysctl.d files, winners only, in application order */
static size_t nfiles;
static char *notes; /* what the read observation says beyond the list of files */
static size_t malformed;
static char *malformed_evidence[20];
static size_t nmalformed_evidence;

static void note(const char *text) { notes = notes ? ar_fmt("%s %s", notes, text) : ar_strdup(text); }

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\n'; }

static char *trim(char *s) {
    while (is_ws(*s)) s++;
    size_t n = strlen(s);
    while (n && is_ws(s[n - 1])) s[--n] = 0;
    return s;
}

static char *excerpt(const char *s) {
    size_t n = strlen(s);
    if (n <= EXCERPT) return ar_strdup(s);
    return ar_fmt("%.*s...", EXCERPT, s);
}

/* sysctl.d(5): if the first separator is a slash, slashes and dots swap roles; we keep the dotted form. */
static void normalize_key(char *k) {
    char *first = strpbrk(k, "./");
    if (!first || *first == '.') return;
    for (char *p = first; *p; p++) {
        if (*p == '/') *p = '.';
        else if (*p == '.') *p = '/';
    }
}

static bool key_chars_ok(const char *k) {
    if (!*k) return false;
    for (const char *p = k; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= ' ' || c == '=' || c >= 0x7f) return false;
    }
    return true;
}

static void malformed_line(const char *file, int line, const char *why, const char *text) {
    malformed++;
    if (malformed <= MAX_REPORTED_LINES) ar_log(AR_WARN, "%s:%d: %s, line ignored: %s", file, line, why, excerpt(text));
    if (nmalformed_evidence < sizeof malformed_evidence / sizeof malformed_evidence[0])
        malformed_evidence[nmalformed_evidence++] = ar_fmt("%s:%d: %s: %s", file, line, why, excerpt(text));
}

static void add_assignment(char *key, char *value, const char *file, int line, const char *text) {
    if (nassignments == capassignments) {
        capassignments = capassignments ? capassignments * 2 : 128;
        assignments = ar_realloc(assignments, capassignments * sizeof *assignments);
    }
    assignment *a = &assignments[nassignments++];
    a->key = ar_strdup(key);
    a->value = value ? ar_strdup(value) : NULL;
    a->file = ar_strdup(file);
    a->line = line;
    a->glob = strpbrk(key, "*?[") != NULL;
    a->text = excerpt(text);
}

/* Parses one file's text; path is the name reported (the link's own path for a link). */
static void parse(const char *path, char *content, size_t len) {
    int lineno = 0;
    char *p = content, *end = content + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *eol = nl ? nl : end;
        lineno++;
        size_t n = (size_t)(eol - p);
        char *raw = ar_alloc(n + 1);
        memcpy(raw, p, n);
        raw[n] = 0;
        p = nl ? nl + 1 : end;
        if (memchr(raw, 0, n)) {
            malformed_line(path, lineno, "contains a NUL byte", "(binary)");
            free(raw);
            continue;
        }
        char *s = trim(raw);
        if (!*s || *s == '#' || *s == ';') {
            free(raw);
            continue;
        }
        char *text = ar_strdup(s);
        char *eq = strchr(s, '=');
        char *value = NULL;
        bool dash = false;
        if (eq) {
            *eq = 0;
            value = trim(eq + 1);
        } else if (*s == '-') {
            dash = true; /* "-key": exclude key from globs */
        } else {
            malformed_line(path, lineno, "not an assignment (no '=')", text);
            free(raw);
            continue;
        }
        char *key = trim(s);
        if (*key == '-') key = trim(key + 1); /* -key = value: a failure to set it is ignored */
        if (!key_chars_ok(key)) {
            malformed_line(path, lineno, *key ? "invalid key" : "empty key", text);
            free(raw);
            continue;
        }
        normalize_key(key);
        /* "-key" alone: no value; it excludes key from the patterns (for a pattern: drops its assignment) */
        add_assignment(key, dash ? NULL : value, path, lineno, text);
        free(raw);
    }
}

static ar_subject *file_subject(const char *path, const char *sha256, size_t len, const char *target) {
    ar_subject *s = ar_subject_add("resource", path, "sysctl configuration file");
    ar_subject_prop(s, "sha256", sha256);
    ar_subject_prop(s, "bytes", ar_fmt("%zu", len));
    if (target) ar_subject_prop(s, "linkTarget", target);
    return s;
}

/* Reads and parses one file; a file that exists but cannot be read leaves the assessment incomplete. */
static bool read_conf(conf_file *f) {
    size_t len;
    char *content = ar_read_file(f->path, MAX_FILE_BYTES, &len);
    if (!content) {
        int err = errno;
        if (err == ENOENT) { /* a dangling link: sysctl skips it too */
            ar_log(AR_WARN, "%s%s%s does not resolve to a file; skipped, as sysctl skips it", f->path,
                   f->target ? " -> " : "", f->target ? f->target : "");
            note(ar_fmt("%s%s%s does not resolve to a file (skipped).", f->path, f->target ? " -> " : "",
                        f->target ? f->target : ""));
            return false;
        }
        if (err == EFBIG) ar_error("cannot read %s: larger than %u bytes", f->path, MAX_FILE_BYTES);
        /* Engines refuse a link out of the grants with ENOTCAPABLE (node) or EPERM (the runtime's). */
        bool outside = err == EPERM && f->target != NULL;
#ifdef ENOTCAPABLE
        outside = outside || err == ENOTCAPABLE;
#endif
        if (outside)
            ar_error("cannot read %s%s%s: it lies outside the granted directories, so its settings cannot be assessed",
                     f->path, f->target ? " -> " : "", f->target ? f->target : "");
        ar_error("cannot read %s: %s", f->path, strerror(err));
    }
    f->sha256 = ar_sha256_hex(content, len);
    f->bytes = len;
    f->subject = file_subject(f->path, f->sha256, len, f->target);
    parse(f->path, content, len);
    free(content);
    return true;
}

/* ---------------------------------------------------------------------------------------------- */
/* Listing the sysctl.d directories                                                                */

typedef struct {
    char *name, *path, *target;
    bool masked;
    size_t dir_index;
} entry;

static int cmp_entries(const void *a, const void *b) {
    const entry *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c) return c;
    return x->dir_index < y->dir_index ? -1 : x->dir_index > y->dir_index;
}

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* "/etc/sysctl.d" + "../sysctl.conf" -> "/etc/sysctl.conf" (lexically, as far as a path goes). */
static char *resolve_link(const char *dir, const char *target) {
    char *joined = target[0] == '/' ? ar_strdup(target) : ar_fmt("%s/%s", dir, target);
    char **parts = ar_alloc((strlen(joined) / 2 + 2) * sizeof *parts);
    size_t n = 0;
    for (char *t = strtok(joined, "/"); t; t = strtok(NULL, "/")) {
        if (strcmp(t, ".") == 0) continue;
        if (strcmp(t, "..") == 0) {
            if (n) n--;
            continue;
        }
        parts[n++] = t;
    }
    char *out = ar_strdup("");
    for (size_t i = 0; i < n; i++) out = ar_fmt("%s/%s", out, parts[i]);
    return *out ? out : ar_strdup("/");
}

static entry *entries;
static size_t nentries;

/* Lists dir's *.conf entries; false when the directory is absent (or not granted). */
static bool list_directory(const char *dir, size_t dir_index) {
    DIR *d = opendir(dir);
    if (!d) {
        int err = errno;
        if (err == ENOENT || err == ENOTDIR
#ifdef ENOTCAPABLE
            || err == ENOTCAPABLE
#endif
        )
            return false;
        ar_error("cannot read directory %s: %s", dir, strerror(err));
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        if (name[0] == '.' || !ends_with(name, ".conf")) continue; /* hidden files and other names: ignored */
        if (nentries == MAX_FILES) {
            closedir(d);
            ar_error("more than %d *.conf files in the sysctl directories; not assessed", MAX_FILES);
        }
        char *path = ar_fmt("%s%s%s", dir, ends_with(dir, "/") ? "" : "/", name);
        struct stat st;
        if (lstat(path, &st) != 0) {
            ar_log(AR_WARN, "cannot stat %s: %s; skipped", path, strerror(errno));
            continue;
        }
        entry *x = &entries[nentries];
        x->name = ar_strdup(name);
        x->path = path;
        x->target = NULL;
        x->masked = false;
        x->dir_index = dir_index;
        if (S_ISLNK(st.st_mode)) {
            char buf[4096];
            ssize_t n = readlink(path, buf, sizeof buf - 1);
            if (n >= 0) {
                buf[n] = 0;
                x->target = ar_strdup(buf);
                x->masked = strcmp(buf, "/dev/null") == 0;
            }
        } else if (S_ISDIR(st.st_mode)) {
            ar_log(AR_DEBUG, "%s is a directory; ignored", path);
            continue;
        } else if (!S_ISREG(st.st_mode)) {
            ar_log(AR_WARN, "%s is not a regular file; ignored", path);
            continue;
        }
        nentries++;
    }
    closedir(d);
    return true;
}

/* ---------------------------------------------------------------------------------------------- */
/* Configuration                                                                                   */

static char *check_id(const char *key) {
    char *id = ar_fmt("sysctl-%s", key);
    char *o = id + 7;
    for (char *p = id + 7; *p; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) c = '-';
        if (c == '-' && o > id + 7 && o[-1] == '-') continue;
        *o++ = c;
    }
    while (o > id + 7 && o[-1] == '-') o--;
    *o = 0;
    return id;
}

static check *find_check(const char *key) {
    for (size_t i = 0; i < nchecks; i++)
        if (strcmp(checks[i].key, key) == 0) return &checks[i];
    return NULL;
}

static bool config_integer(const ar_json *v, const char *what, long long *out) {
    if (!v || ar_json_typeof(v) == AR_JSON_NULL) return false;
    if (!ar_json_int(v, out)) ar_error("configuration '%s' must be an integer", what);
    return true;
}

static void load_checks(void) {
    checks = ar_alloc((NBASELINE + 256) * sizeof *checks);
    for (size_t i = 0; i < NBASELINE; i++) {
        const baseline_entry *b = &BASELINE[i];
        check *c = &checks[nchecks++];
        memset(c, 0, sizeof *c);
        c->key = ar_strdup(b->key);
        c->id = check_id(b->key);
        memcpy(c->allowed_ints, b->allowed, sizeof c->allowed_ints);
        c->nallowed_ints = b->nallowed;
        c->has_min = b->has_min;
        c->has_max = b->has_max;
        c->min = b->min;
        c->max = b->max;
        c->control = ar_strdup(b->control);
        c->kernel_default = b->kernel_default;
        c->risk_title = b->risk_title;
        c->risk_statement = b->risk_statement;
    }
    const ar_json *expect = ar_json_get(ar_config(), "expect");
    if (!expect || ar_json_typeof(expect) == AR_JSON_NULL) return;
    if (ar_json_typeof(expect) != AR_JSON_OBJECT) ar_error("configuration 'expect' must be an object");
    for (size_t i = 0; i < ar_json_size(expect); i++) {
        char *key = ar_strdup(ar_json_key_at(expect, i));
        const ar_json *e = ar_json_at(expect, i);
        char *what = ar_fmt("expect.%s", key);
        key = trim(key);
        normalize_key(key);
        if (!key_chars_ok(key) || strpbrk(key, "*?[")) ar_error("configuration '%s': not a sysctl key", what);
        if (ar_json_typeof(e) != AR_JSON_OBJECT) ar_error("configuration '%s' must be an object", what);
        check *c = find_check(key);
        if (!c) {
            if (nchecks == NBASELINE + 256) ar_error("configuration 'expect' has more than 256 additional keys");
            c = &checks[nchecks++];
            memset(c, 0, sizeof *c);
            c->key = key;
            c->id = check_id(key);
            c->control = ar_strdup("cm-6");
            c->kernel_default = NULL;
            c->risk_title = NULL;
            c->risk_statement = NULL;
        }
        /* allowed/min/max replace the expectation; the control changes only when given */
        const ar_json *allowed = ar_json_get(e, "allowed");
        bool replaces = ar_json_typeof(allowed) != AR_JSON_NULL || ar_json_typeof(ar_json_get(e, "min")) != AR_JSON_NULL ||
                        ar_json_typeof(ar_json_get(e, "max")) != AR_JSON_NULL;
        if (!replaces && !c->nallowed_ints && !c->allowed && !c->has_min && !c->has_max)
            ar_error("configuration '%s' must give 'allowed', 'min' or 'max'", what);
        if (replaces) {
            c->allowed = NULL;
            c->nallowed_ints = 0;
            c->has_min = c->has_max = false;
        }
        if (allowed && ar_json_typeof(allowed) != AR_JSON_NULL) {
            if (ar_json_typeof(allowed) != AR_JSON_ARRAY || ar_json_size(allowed) == 0)
                ar_error("configuration '%s.allowed' must be a non-empty array", what);
            for (size_t k = 0; k < ar_json_size(allowed); k++) {
                ar_json_type t = ar_json_typeof(ar_json_at(allowed, k));
                long long ignored;
                if (!(t == AR_JSON_STRING || (t == AR_JSON_NUMBER && ar_json_int(ar_json_at(allowed, k), &ignored))))
                    ar_error("configuration '%s.allowed' must hold integers or strings", what);
            }
            c->allowed = allowed;
        }
        if (replaces) {
            c->has_min = config_integer(ar_json_get(e, "min"), ar_fmt("%s.min", what), &c->min);
            c->has_max = config_integer(ar_json_get(e, "max"), ar_fmt("%s.max", what), &c->max);
        }
        if (c->has_min && c->has_max && c->min > c->max)
            ar_error("configuration '%s': min %lld is greater than max %lld", what, c->min, c->max);
        const ar_json *control = ar_json_get(e, "control");
        if (control && ar_json_typeof(control) != AR_JSON_NULL) {
            if (!ar_json_string(control) || !*ar_json_string(control))
                ar_error("configuration '%s.control' must be a control id", what);
            c->control = ar_strdup(ar_json_string(control));
        }
    }
}

static bool skipped(const check *c) {
    const char *const *skip = ar_config_strings("skip", NULL);
    for (size_t i = 0; skip[i]; i++) {
        char *k = ar_strdup(skip[i]);
        normalize_key(k);
        if (strcmp(skip[i], c->id) == 0 || strcmp(k, c->key) == 0) return true;
    }
    return false;
}

/* ---------------------------------------------------------------------------------------------- */
/* Evaluation                                                                                      */

/* The value as the kernel reads an integer (proc_dointvec: base 0, so 0x hex and 0 octal). */
static bool parse_integer(const char *s, long long *out) {
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 0);
    if (errno || end == s || *end) return false;
    *out = v;
    return true;
}

static char *expectation_text(const check *c) {
    if (c->allowed) {
        char *list = ar_strdup("");
        for (size_t i = 0; i < ar_json_size(c->allowed); i++) {
            const ar_json *v = ar_json_at(c->allowed, i);
            list = ar_fmt("%s%s%s", list, i ? ", " : "",
                          ar_json_typeof(v) == AR_JSON_STRING ? ar_fmt("'%s'", ar_json_string(v)) : ar_json_dump(v));
        }
        char *text = ar_json_size(c->allowed) == 1 ? list : ar_fmt("one of %s", list);
        if (c->has_min || c->has_max) text = ar_fmt("%s, and ", text);
        else return text;
        if (c->has_min && c->has_max) return ar_fmt("%sbetween %lld and %lld", text, c->min, c->max);
        return c->has_min ? ar_fmt("%sat least %lld", text, c->min) : ar_fmt("%sat most %lld", text, c->max);
    }
    if (c->nallowed_ints) {
        if (c->nallowed_ints == 1) return ar_fmt("%lld", c->allowed_ints[0]);
        char *list = ar_strdup("");
        for (int i = 0; i < c->nallowed_ints; i++) list = ar_fmt("%s%s%lld", list, i ? ", " : "", c->allowed_ints[i]);
        return ar_fmt("one of %s", list);
    }
    if (c->has_min && c->has_max) return ar_fmt("between %lld and %lld", c->min, c->max);
    return c->has_min ? ar_fmt("at least %lld", c->min) : ar_fmt("at most %lld", c->max);
}

static bool complies(const check *c, const char *value, char **why) {
    long long v;
    bool numeric = parse_integer(value, &v);
    bool ok = true;
    if (c->allowed) {
        bool found = false;
        for (size_t i = 0; i < ar_json_size(c->allowed) && !found; i++) {
            const ar_json *a = ar_json_at(c->allowed, i);
            long long want;
            if (ar_json_typeof(a) == AR_JSON_STRING) found = strcmp(value, ar_json_string(a)) == 0;
            else if (numeric && ar_json_int(a, &want)) found = v == want;
        }
        ok = found;
    } else if (c->nallowed_ints) {
        bool found = false;
        for (int i = 0; i < c->nallowed_ints && numeric; i++) found |= v == c->allowed_ints[i];
        ok = found;
    }
    if (ok && (c->has_min || c->has_max)) {
        if (!numeric) ok = false;
        else ok = (!c->has_min || v >= c->min) && (!c->has_max || v <= c->max);
    }
    if (!ok) {
        bool wants_number = c->nallowed_ints || c->has_min || c->has_max;
        *why = (!numeric && wants_number) ? ar_fmt("expected %s, found '%s', which is not an integer", expectation_text(c), excerpt(value))
                                          : ar_fmt("expected %s, found '%s'", expectation_text(c), excerpt(value));
    }
    return ok;
}

/* The assignment that decides key: the last explicit one, else the last glob that matches it. */
static const assignment *decide(const char *key, const assignment **excluded) {
    *excluded = NULL;
    for (size_t i = nassignments; i-- > 0;) {
        const assignment *a = &assignments[i];
        if (!a->glob && strcmp(a->key, key) == 0) {
            if (!a->value) {
                *excluded = a;
                return NULL;
            }
            return a;
        }
    }
    /* globs match per path component: compare in the slash form with FNM_PATHNAME */
    char *path = ar_strdup(key);
    for (char *p = path; *p; p++) *p = *p == '.' ? '/' : *p == '/' ? '.' : *p;
    const char **seen = ar_alloc((nassignments + 1) * sizeof *seen);
    size_t nseen = 0;
    const assignment *winner = NULL;
    for (size_t i = nassignments; i-- > 0 && !winner;) {
        const assignment *a = &assignments[i];
        if (!a->glob) continue;
        bool later = false;
        for (size_t k = 0; k < nseen && !later; k++) later = strcmp(seen[k], a->key) == 0;
        if (later) continue; /* a later line of the same pattern replaced this one */
        seen[nseen++] = a->key;
        if (!a->value) continue;
        char *pattern = ar_strdup(a->key);
        for (char *p = pattern; *p; p++) *p = *p == '.' ? '/' : *p == '/' ? '.' : *p;
        if (fnmatch(pattern, path, FNM_PATHNAME) == 0) winner = a;
        free(pattern);
    }
    free(seen);
    free(path);
    return winner;
}

static ar_subject *subject_of(const char *path) {
    for (size_t i = 0; i < nfiles; i++)
        if (files[i].subject && strcmp(files[i].path, path) == 0) return files[i].subject;
    return NULL;
}

static void run_check(const check *c, const ar_observation *read) {
    const assignment *excluded;
    const assignment *a = decide(c->key, &excluded);
    char *expected = expectation_text(c);
    char *shown = a ? excerpt(a->value) : NULL;
    ar_observation *o;
    if (a) {
        o = ar_observation_add(ar_fmt("sysctl %s", c->key),
                               ar_fmt("%s is '%s', set at %s:%d%s", c->key, shown, a->file, a->line,
                                      a->glob ? ar_fmt(" by the pattern %s", a->key) : ""));
        ar_observation_evidence(o, a->file, ar_fmt("line %d: %s", a->line, a->text));
        ar_subject *s = subject_of(a->file);
        if (s) ar_observation_subject(o, s);
    } else {
        char *dflt = c->kernel_default ? ar_fmt(" (upstream default: %s)", c->kernel_default) : "";
        o = ar_observation_add(
            ar_fmt("sysctl %s", c->key),
            excluded ? ar_fmt("%s is not set: %s:%d excludes it from patterns (%s); the kernel's boot value%s applies, "
                              "which the plugin cannot read",
                              c->key, excluded->file, excluded->line, excluded->text, dflt)
                     : ar_fmt("%s is not set in any sysctl file read; the kernel's boot value%s applies, which the "
                              "plugin cannot read (/proc is never granted)",
                              c->key, dflt));
        if (excluded) ar_observation_evidence(o, excluded->file, ar_fmt("line %d: %s", excluded->line, excluded->text));
    }
    ar_observation_method(o, AR_EXAMINE);
    ar_observation_prop(o, "check", c->id);
    ar_observation_prop(o, "key", c->key);
    ar_observation_prop(o, "value", a ? shown : "");
    ar_observation_prop(o, "source", a ? ar_fmt("%s:%d", a->file, a->line) : "not set");
    ar_observation_prop(o, "expected", expected);
    ar_observation_prop(o, "nist-800-53", c->control);

    char *why = NULL;
    bool ok = a && complies(c, a->value, &why);
    if (!a)
        why = ar_fmt("not set persistently%s; expected %s (the kernel's boot value applies%s, which the plugin cannot read)",
                     excluded ? ar_fmt(" (%s:%d excludes it from patterns)", excluded->file, excluded->line) : "",
                     expected, c->kernel_default ? ar_fmt(", upstream default %s", c->kernel_default) : "");
    ar_finding *f = ar_finding_add(
        c->id, ok ? AR_SATISFIED : AR_NOT_SATISFIED,
        ok ? ar_fmt("%s complies", c->key) : a ? ar_fmt("%s does not comply", c->key) : ar_fmt("%s is not set", c->key),
        ok ? ar_fmt("%s is %s (%s:%d), as expected (%s).", c->key, shown, a->file, a->line, expected)
        : a ? ar_fmt("%s is '%s' (%s:%d): %s.", c->key, shown, a->file, a->line, why)
            : ar_fmt("%s is %s.", c->key, why));
    ar_finding_observation(f, o);
    if (!a) ar_finding_observation(f, read); /* "not set" rests on what was read */
    if (!ok) {
        ar_finding_raise_risk(
            f, c->risk_title ? c->risk_title : ar_fmt("%s not hardened", c->key),
            ar_fmt("%s: %s. Remedy: set \"%s = %s\" in a file of /etc/sysctl.d (one that sorts after the others, e.g. "
                   "99-hardening.conf) and apply it with sysctl --system.",
                   c->key, why, c->key,
                   c->allowed ? ar_json_dump(ar_json_at(c->allowed, 0))
                   : c->nallowed_ints ? ar_fmt("%lld", c->allowed_ints[0])
                                      : ar_fmt("%lld", c->has_min ? c->min : c->max)),
            c->risk_statement ? c->risk_statement : "Impact: depends on the setting. Likelihood: unknown.");
    }
}

/* ---------------------------------------------------------------------------------------------- */

int main(void) {
    ar_init();
    ar_set_title("Kernel hardening (sysctl)");
    static const char *const default_dirs[] = {"/etc/sysctl.d", "/usr/lib/sysctl.d", NULL};
    const char *const *dirs = ar_config_strings("directories", default_dirs);
    const char *sysctl_conf = ar_config_string("sysctlConf", "/etc/sysctl.conf");
    size_t ndirs = ar_count(dirs);
    if (ndirs > MAX_DIRECTORIES) ar_error("configuration 'directories': at most %d directories", MAX_DIRECTORIES);
    load_checks();

    /* 1. Every *.conf entry of every directory; the first directory that has a name wins. */
    entries = ar_alloc((MAX_FILES + 1) * sizeof *entries);
    char *absent = ar_strdup("");
    for (size_t i = 0; i < ndirs; i++) {
        if (!list_directory(dirs[i], i)) absent = ar_fmt("%s%s%s", absent, *absent ? ", " : "", dirs[i]);
    }
    qsort(entries, nentries, sizeof *entries, cmp_entries);
    files = ar_alloc((nentries + 1) * sizeof *files);
    char *shadowed = ar_strdup("");
    bool conf_via_link = false;
    char *conf_link = NULL;
    for (size_t i = 0; i < nentries; i++) {
        entry *x = &entries[i];
        if (i > 0 && strcmp(entries[i - 1].name, x->name) == 0) {
            shadowed = ar_fmt("%s%s%s", shadowed, *shadowed ? ", " : "", x->path);
            continue;
        }
        conf_file *f = &files[nfiles++];
        memset(f, 0, sizeof *f);
        f->path = x->path;
        f->name = x->name;
        f->target = x->target;
        f->masked = x->masked;
    }

    /* 2. Apply them in name order, then sysctl.conf unless a sysctl.d link already applied it. */
    size_t applied = 0;
    char *order = ar_strdup("");
    for (size_t i = 0; i < nfiles; i++) {
        conf_file *f = &files[i];
        if (f->masked) {
            note(ar_fmt("%s is masked (a link to /dev/null).", f->path));
            continue;
        }
        if (f->target && *sysctl_conf) {
            char *dir = ar_strdup(f->path);
            *strrchr(dir, '/') = 0;
            if (strcmp(resolve_link(*dir ? dir : "/", f->target), sysctl_conf) == 0) {
                conf_via_link = true;
                conf_link = f->path;
            }
        }
        if (read_conf(f)) {
            applied++;
            order = ar_fmt("%s%s%s%s", order, *order ? ", " : "", f->path, f->target ? ar_fmt(" (-> %s)", f->target) : "");
        }
    }
    bool conf_present = false;
    if (*sysctl_conf && !conf_via_link) {
        size_t len;
        char *content = ar_read_file(sysctl_conf, MAX_FILE_BYTES, &len);
        if (!content) {
            int err = errno;
            bool missing = err == ENOENT || err == ENOTDIR;
#ifdef ENOTCAPABLE
            missing = missing || err == ENOTCAPABLE;
#endif
            if (!missing) {
                if (err == EFBIG) ar_error("cannot read %s: larger than %u bytes", sysctl_conf, MAX_FILE_BYTES);
                ar_error("cannot read %s: %s", sysctl_conf, strerror(err));
            }
        } else {
            conf_present = true;
            files = ar_realloc(files, (nfiles + 1) * sizeof *files);
            conf_file *f = &files[nfiles++];
            memset(f, 0, sizeof *f);
            f->path = ar_strdup(sysctl_conf);
            f->sha256 = ar_sha256_hex(content, len);
            f->bytes = len;
            f->subject = file_subject(f->path, f->sha256, len, NULL);
            parse(f->path, content, len);
            free(content);
            applied++;
            order = ar_fmt("%s%s%s (last)", order, *order ? ", " : "", sysctl_conf);
        }
    } else if (conf_via_link) {
        note(ar_fmt("%s is applied through the link %s, in that file's place.", sysctl_conf, conf_link));
        conf_present = true;
    }

    /* 3. What was read. */
    char *desc = applied ? ar_fmt("Applied %zu sysctl file(s), in this order: %s.", applied, order)
                         : ar_strdup("No sysctl configuration file found: nothing is set persistently.");
    if (*sysctl_conf && !conf_present) desc = ar_fmt("%s %s does not exist.", desc, sysctl_conf);
    if (*absent) desc = ar_fmt("%s Not present (or not granted): %s.", desc, absent);
    if (*shadowed) desc = ar_fmt("%s Hidden by a file of the same name in an earlier directory: %s.", desc, shadowed);
    if (notes) desc = ar_fmt("%s %s", desc, notes);
    desc = ar_fmt("%s %zu assignment(s)%s. Live values (/proc/sys) are not read: the runtime never grants /proc.", desc,
                  nassignments, malformed ? ar_fmt(", %zu malformed line(s) ignored", malformed) : "");
    ar_observation *read = ar_observation_add("sysctl configuration read", desc);
    ar_observation_method(read, AR_EXAMINE);
    ar_observation_prop(read, "files", ar_fmt("%zu", applied));
    ar_observation_prop(read, "assignments", ar_fmt("%zu", nassignments));
    ar_observation_prop(read, "malformedLines", ar_fmt("%zu", malformed));
    for (size_t i = 0; i < nfiles; i++) {
        if (!files[i].subject) continue;
        ar_observation_subject(read, files[i].subject);
        ar_observation_evidence(read, files[i].path, ar_fmt("sysctl configuration file, %zu bytes, sha256 %s",
                                                            files[i].bytes, files[i].sha256));
    }
    for (size_t i = 0; i < nmalformed_evidence; i++) ar_observation_evidence(read, NULL, malformed_evidence[i]);
    if (malformed > MAX_REPORTED_LINES)
        ar_log(AR_WARN, "%zu more malformed lines not reported one by one", malformed - MAX_REPORTED_LINES);

    /* 4. One finding per expectation. */
    for (size_t i = 0; i < nchecks; i++) {
        if (skipped(&checks[i])) {
            ar_log(AR_INFO, "check %s skipped by configuration", checks[i].id);
            continue;
        }
        run_check(&checks[i], read);
    }
    return ar_finish();
}
