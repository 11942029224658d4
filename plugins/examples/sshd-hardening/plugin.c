/*
 * examples/sshd-hardening: checks the OpenSSH server configuration against hardening expectations.
 *
 * Reads sshd_config the way sshd does: keywords case-insensitive, "Keyword value" or
 * "Keyword=value", quoted arguments, trailing comments, the first value of a keyword wins, Include
 * (globs, relative to /etc/ssh, nested up to 16 deep), and Match blocks. A setting inside a Match
 * block overrides the global one for the connections it matches, so a check is satisfied only when
 * the global value and every Match block's value comply.
 */
#include <errno.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "assessment.h"

#define MAX_INCLUDE_DEPTH 16
#define MAX_FILE_BYTES (4u << 20)

/* ---------------------------------------------------------------------------------------------- */
/* Parsed settings                                                                                 */

typedef struct {
    char *keyword; /* as written */
    char *value;   /* the first argument */
    char *args;    /* all arguments, space separated */
    char *file;
    int line;
    const char *match; /* the Match criteria in force, NULL for the global context */
} setting;

static setting *settings;
static size_t nsettings, capsettings;

typedef struct {
    char *path, *sha256;
    ar_subject *subject;
} config_file;

static config_file files[256];
static size_t nfiles;
static const char *include_base;
static char *unassessable; /* why the configuration could not be read completely */

static void add_setting(const char *kw, char **argv, int argc, const char *file, int line, const char *match) {
    if (nsettings == capsettings) {
        capsettings = capsettings ? capsettings * 2 : 64;
        settings = ar_realloc(settings, capsettings * sizeof *settings);
    }
    setting *s = &settings[nsettings++];
    s->keyword = ar_strdup(kw);
    s->value = ar_strdup(argc > 0 ? argv[0] : "");
    size_t len = 1;
    for (int i = 0; i < argc; i++) len += strlen(argv[i]) + 1;
    s->args = ar_alloc(len);
    s->args[0] = 0;
    for (int i = 0; i < argc; i++) {
        if (i) strcat(s->args, " ");
        strcat(s->args, argv[i]);
    }
    s->file = ar_strdup(file);
    s->line = line;
    s->match = match;
}

/* ---------------------------------------------------------------------------------------------- */
/* Tokenising, as sshd's strdelim() and argv_split()                                              */

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

/* Splits the arguments after the keyword; quotes group, backslash escapes, '#' starts a comment. */
static int split_args(char *s, char **argv, int max) {
    int argc = 0;
    char *p = s;
    for (;;) {
        while (is_ws(*p)) p++;
        if (!*p || *p == '#') break;
        if (argc == max) break;
        char *out = p, *start = p;
        char quote = 0;
        while (*p) {
            if (!quote && is_ws(*p)) break;
            if (*p == '\\' && (p[1] == '"' || p[1] == '\'' || p[1] == '\\' || (!quote && is_ws(p[1])))) {
                *out++ = p[1];
                p += 2;
                continue;
            }
            if ((*p == '"' || *p == '\'') && (!quote || quote == *p)) {
                quote = quote ? 0 : *p;
                p++;
                continue;
            }
            *out++ = *p++;
        }
        bool more = *p != 0;
        if (more) p++;
        *out = 0;
        argv[argc++] = start;
        if (!more) break;
    }
    return argc;
}

/* ---------------------------------------------------------------------------------------------- */
/* Reading the configuration                                                                       */

static ar_subject *file_subject(const char *path, const char *sha256, size_t len) {
    ar_subject *s = ar_subject_add("resource", path, "sshd configuration file");
    ar_subject_prop(s, "sha256", sha256);
    ar_subject_prop(s, "bytes", ar_fmt("%zu", len));
    return s;
}

static int glob_error;
static char *glob_error_path;

static int on_glob_error(const char *path, int err) {
    if (err != ENOENT && err != ENOTDIR && !glob_error) {
        glob_error = err;
        glob_error_path = ar_strdup(path);
    }
    return 0;
}

static void parse_file(const char *path, int depth, const char *match);

static void do_include(char **argv, int argc, const char *file, int line, int depth, const char *match) {
    for (int i = 0; i < argc; i++) {
        char *pattern = argv[i][0] == '/' ? ar_strdup(argv[i]) : ar_fmt("%s/%s", include_base, argv[i]);
        glob_t g;
        glob_error = 0;
        int r = glob(pattern, 0, on_glob_error, &g);
        if (glob_error) {
            unassessable = ar_fmt("%s:%d: Include %s: cannot read %s: %s (is it within the granted directories?)",
                                  file, line, argv[i], glob_error_path, strerror(glob_error));
            if (r == 0) globfree(&g);
            return;
        }
        if (r == GLOB_NOMATCH) {
            ar_log(AR_DEBUG, "%s:%d: Include %s matches no file", file, line, pattern);
            continue;
        }
        if (r != 0) {
            unassessable = ar_fmt("%s:%d: Include %s: glob failed (%d)", file, line, pattern, r);
            return;
        }
        for (size_t k = 0; k < g.gl_pathc && !unassessable; k++) parse_file(g.gl_pathv[k], depth + 1, match);
        globfree(&g);
    }
}

static void parse_file(const char *path, int depth, const char *match) {
    if (depth > MAX_INCLUDE_DEPTH) {
        unassessable = ar_fmt("%s: Include nested more than %d deep", path, MAX_INCLUDE_DEPTH);
        return;
    }
    size_t len;
    char *content = ar_read_file(path, MAX_FILE_BYTES, &len);
    if (!content) {
        unassessable = ar_fmt("cannot read %s: %s", path, strerror(errno));
        return;
    }
    if (nfiles < sizeof files / sizeof files[0]) {
        files[nfiles].path = ar_strdup(path);
        files[nfiles].sha256 = ar_sha256_hex(content, len);
        files[nfiles].subject = file_subject(path, files[nfiles].sha256, len);
        nfiles++;
    }
    /* A Match block in an included file ends with that file; the includer's context is restored. */
    const char *current = match;
    int lineno = 0;
    char *p = content, *end = content + len;
    while (p < end && !unassessable) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *eol = nl ? nl : end;
        lineno++;
        size_t n = (size_t)(eol - p);
        char *line = ar_alloc(n + 1);
        memcpy(line, p, n);
        line[n] = 0;
        p = nl ? nl + 1 : end;
        if (memchr(line, 0, n)) { /* NUL bytes: not a text line sshd would accept */
            ar_log(AR_WARN, "%s:%d: contains a NUL byte; line ignored", path, lineno);
            free(line);
            continue;
        }
        /* keyword: up to whitespace or '=' (strdelim), then optional whitespace, '=', whitespace */
        char *k = line;
        while (is_ws(*k)) k++;
        if (!*k || *k == '#') {
            free(line);
            continue;
        }
        char *ke = k;
        while (*ke && !is_ws(*ke) && *ke != '=') ke++;
        char *rest = ke;
        bool eq = *rest == '=';
        if (*rest) *rest++ = 0;
        while (is_ws(*rest)) rest++;
        if (!eq && *rest == '=') rest++;
        char *argv[64];
        int argc = split_args(rest, argv, 64);
        if (argc == 0) {
            ar_log(AR_WARN, "%s:%d: no argument after keyword \"%s\" (sshd refuses such a file)", path, lineno, k);
            free(line);
            continue;
        }
        if (ar_streq_ci(k, "Match")) {
            size_t l = 1;
            for (int i = 0; i < argc; i++) l += strlen(argv[i]) + 1;
            char *crit = ar_alloc(l);
            crit[0] = 0;
            for (int i = 0; i < argc; i++) {
                if (i) strcat(crit, " ");
                strcat(crit, argv[i]);
            }
            current = crit;
        } else if (ar_streq_ci(k, "Include")) {
            do_include(argv, argc, path, lineno, depth, current);
        } else {
            add_setting(k, argv, argc, path, lineno, current);
        }
        free(line);
    }
    free(content);
}

/* ---------------------------------------------------------------------------------------------- */
/* Checks                                                                                          */

typedef enum { BOOL_EQ, ONE_OF, INT_MAX, TIME_MAX, PROTOCOL } check_kind;

typedef struct {
    const char *id;         /* finding targetId and the name in 'skip' */
    const char *keyword;    /* canonical spelling */
    const char *alias;      /* another keyword sshd treats the same, or NULL */
    const char *def;        /* OpenSSH's compiled-in default */
    check_kind kind;
    const char *config_key; /* the expectation in the configuration */
    const char *risk_title;
    const char *risk_statement;
} check;

static const check CHECKS[] = {
    {"sshd-permit-root-login", "PermitRootLogin", NULL, "prohibit-password", ONE_OF, "permitRootLogin",
     "Direct root login over SSH",
     "Impact: high - a compromised root credential or key gives full control without an audit trail of "
     "the individual. Likelihood: moderate on Internet-facing hosts that are continuously brute-forced."},
    {"sshd-password-authentication", "PasswordAuthentication", NULL, "yes", BOOL_EQ, "passwordAuthentication",
     "SSH accepts passwords",
     "Impact: high - guessed or reused passwords give shell access. Likelihood: high for exposed hosts, "
     "which see constant password guessing."},
    {"sshd-permit-empty-passwords", "PermitEmptyPasswords", NULL, "no", BOOL_EQ, "permitEmptyPasswords",
     "SSH accepts accounts with empty passwords",
     "Impact: critical - any account without a password can log in. Likelihood: high once such an account exists."},
    {"sshd-protocol", "Protocol", NULL, NULL, PROTOCOL, NULL, "Legacy SSH protocol 1 requested",
     "Impact: high - protocol 1 is cryptographically broken. Likelihood: low, as current OpenSSH ignores it, "
     "but it shows an outdated configuration."},
    {"sshd-x11-forwarding", "X11Forwarding", NULL, "no", BOOL_EQ, "x11Forwarding", "X11 forwarding enabled",
     "Impact: moderate - a compromised server can attack the clients' X displays. Likelihood: low to moderate."},
    {"sshd-max-auth-tries", "MaxAuthTries", NULL, "6", INT_MAX, "maxAuthTries",
     "Too many authentication attempts per connection",
     "Impact: moderate - more guesses per connection speed up brute force. Likelihood: moderate."},
    {"sshd-hostbased-authentication", "HostbasedAuthentication", NULL, "no", BOOL_EQ, "hostbasedAuthentication",
     "Host-based authentication enabled",
     "Impact: high - trust is delegated to other hosts' integrity. Likelihood: moderate."},
    {"sshd-ignore-rhosts", "IgnoreRhosts", NULL, "yes", BOOL_EQ, "ignoreRhosts", ".rhosts/.shosts files honoured",
     "Impact: high - users can grant password-less access from other hosts. Likelihood: moderate."},
    {"sshd-permit-user-environment", "PermitUserEnvironment", NULL, "no", BOOL_EQ, "permitUserEnvironment",
     "Users may set the environment of their SSH sessions",
     "Impact: high - LD_PRELOAD and similar can bypass forced commands and restrictions. Likelihood: low to moderate."},
    {"sshd-login-grace-time", "LoginGraceTime", NULL, "120", TIME_MAX, "loginGraceTimeMax",
     "Long login grace time", "Impact: low to moderate - unauthenticated connections hold resources "
     "longer, easing denial of service. Likelihood: moderate."},
};

/* sshd's convtime(): "90", "1m30s", "2h"; returns -1 when invalid. */
static long long convtime(const char *s) {
    long long total = 0;
    if (!*s) return -1;
    while (*s) {
        if (*s < '0' || *s > '9') return -1;
        long long n = 0;
        while (*s >= '0' && *s <= '9') {
            n = n * 10 + (*s++ - '0');
            if (n > 1000000000LL) return -1;
        }
        long long mult = 1;
        switch (*s) {
        case 0: break;
        case 's': case 'S': s++; break;
        case 'm': case 'M': mult = 60; s++; break;
        case 'h': case 'H': mult = 3600; s++; break;
        case 'd': case 'D': mult = 86400; s++; break;
        case 'w': case 'W': mult = 604800; s++; break;
        default: return -1;
        }
        total += n * mult;
    }
    return total;
}

static bool parse_long(const char *s, long long *out) {
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end) return false;
    *out = v;
    return true;
}

/* Whether one value complies; *why says why not. */
static bool complies(const check *c, const char *value, char **why) {
    *why = NULL;
    switch (c->kind) {
    case BOOL_EQ: {
        bool want = ar_config_bool(c->config_key, strcmp(c->id, "sshd-ignore-rhosts") == 0);
        bool is;
        if (strcmp(c->id, "sshd-permit-user-environment") == 0) {
            is = !ar_streq_ci(value, "no"); /* yes or a pattern list: some variables accepted */
        } else if (ar_streq_ci(value, "yes")) {
            is = true;
        } else if (ar_streq_ci(value, "no")) {
            is = false;
        } else if (strcmp(c->id, "sshd-ignore-rhosts") == 0 && ar_streq_ci(value, "shosts-only")) {
            is = false; /* .shosts still honoured */
        } else {
            *why = ar_fmt("'%s' is not a value sshd accepts for %s", value, c->keyword);
            return false;
        }
        if (is != want) *why = ar_fmt("expected %s, found '%s'", want ? "yes" : "no", value);
        return is == want;
    }
    case ONE_OF: {
        static const char *const def[] = {"no", NULL};
        const char *const *allowed = ar_config_strings(c->config_key, def);
        const char *v = ar_streq_ci(value, "without-password") ? "prohibit-password" : value;
        for (size_t i = 0; allowed[i]; i++)
            if (ar_streq_ci(v, allowed[i])) return true;
        char *list = ar_strdup("");
        for (size_t i = 0; allowed[i]; i++) list = ar_fmt("%s%s%s", list, i ? ", " : "", allowed[i]);
        *why = ar_fmt("expected one of [%s], found '%s'", list, value);
        return false;
    }
    case INT_MAX: {
        long long max = ar_config_int(c->config_key, 4), v;
        if (!parse_long(value, &v) || v < 0) {
            *why = ar_fmt("'%s' is not a number", value);
            return false;
        }
        if (v > max) *why = ar_fmt("expected at most %lld, found %lld", max, v);
        return v <= max;
    }
    case TIME_MAX: {
        long long max = ar_config_int(c->config_key, 60), v = convtime(value);
        if (v < 0) {
            *why = ar_fmt("'%s' is not a time sshd accepts", value);
            return false;
        }
        if (v == 0) {
            *why = ar_fmt("'%s' means no limit; expected at most %lld seconds", value, max);
            return false;
        }
        if (v > max) *why = ar_fmt("expected at most %lld seconds, found %lld", max, v);
        return v <= max;
    }
    case PROTOCOL:
        if (strchr(value, '1')) {
            *why = ar_fmt("protocol '%s' includes version 1", value);
            return false;
        }
        return true;
    }
    return false;
}

static ar_subject *subject_of(const char *file) {
    for (size_t i = 0; i < nfiles; i++)
        if (strcmp(files[i].path, file) == 0) return files[i].subject;
    return files[0].subject;
}

static bool skipped(const char *id) {
    const char *const *skip = ar_config_strings("skip", NULL);
    for (size_t i = 0; skip[i]; i++)
        if (strcmp(skip[i], id) == 0) return true;
    return false;
}

static void run_check(const check *c, const char *config_file) {
    const setting *global = NULL;
    const setting *overrides[64];
    size_t noverrides = 0;
    for (size_t i = 0; i < nsettings; i++) {
        const setting *s = &settings[i];
        if (!ar_streq_ci(s->keyword, c->keyword) && !(c->alias && ar_streq_ci(s->keyword, c->alias))) continue;
        if (!s->match) {
            if (!global) global = s; /* the first value wins */
        } else if (noverrides < 64) {
            /* within one Match block, too, the first value wins */
            bool seen = false;
            for (size_t k = 0; k < noverrides; k++) seen |= overrides[k]->match == s->match;
            if (!seen) overrides[noverrides++] = s;
        }
    }
    const char *value = global ? global->value : c->def;
    char *why = NULL;
    bool ok = true;
    ar_observation *o = ar_observation_add(
        ar_fmt("sshd %s", c->keyword),
        global ? ar_fmt("%s is '%s', set at %s:%d", c->keyword, global->args, global->file, global->line)
        : value ? ar_fmt("%s is not set; OpenSSH's default '%s' applies", c->keyword, value)
                : ar_fmt("%s is not set (current OpenSSH supports protocol 2 only)", c->keyword));
    ar_observation_method(o, AR_EXAMINE);
    ar_observation_subject(o, subject_of(global ? global->file : config_file));
    ar_observation_prop(o, "check", c->id);
    ar_observation_prop(o, "keyword", c->keyword);
    ar_observation_prop(o, "value", global ? global->args : value ? value : "");
    ar_observation_prop(o, "source", global ? ar_fmt("%s:%d", global->file, global->line) : "default");
    if (global)
        ar_observation_evidence(o, global->file, ar_fmt("line %d: %s %s", global->line, global->keyword, global->args));
    if (value) ok = complies(c, value, &why);
    char *details = why ? ar_fmt("%s", why) : ar_strdup("");
    for (size_t k = 0; k < noverrides; k++) {
        const setting *s = overrides[k];
        char *w2;
        bool ok2 = complies(c, s->value, &w2);
        ar_observation_subject(o, subject_of(s->file));
        ar_observation_prop(o, ar_fmt("match.%zu", k + 1),
                            ar_fmt("Match %s: %s %s (%s:%d)", s->match, c->keyword, s->args, s->file, s->line));
        if (!ok2) {
            ok = false;
            details = ar_fmt("%s%sin 'Match %s' (%s:%d): %s", details, *details ? "; " : "", s->match, s->file, s->line, w2);
        }
    }
    ar_finding *f = ar_finding_add(
        c->id, ok ? AR_SATISFIED : AR_NOT_SATISFIED,
        ok ? ar_fmt("%s complies", c->keyword) : ar_fmt("%s does not comply", c->keyword),
        ok ? ar_fmt("%s is '%s'%s, as expected.", c->keyword, value ? value : "(not set)",
                    noverrides ? ", and every Match block that sets it complies" : "")
           : ar_fmt("%s: %s.", c->keyword, details));
    ar_finding_observation(f, o);
    if (!ok) {
        ar_finding_raise_risk(f, c->risk_title,
                              ar_fmt("%s in %s: %s. Remedy: set %s as expected in sshd_config and reload sshd.",
                                     c->keyword, config_file, details, c->keyword),
                              c->risk_statement);
    }
}

int main(void) {
    ar_init();
    const char *config_file = ar_config_string("configFile", "/etc/ssh/sshd_config");
    include_base = ar_config_string("includeBase", "/etc/ssh");
    const char *if_missing = ar_config_string("ifMissing", "not-applicable");
    ar_set_title("SSH daemon hardening");

    size_t len;
    char *probe = ar_read_file(config_file, MAX_FILE_BYTES, &len);
    if (!probe && errno == ENOENT) {
        if (strcmp(if_missing, "pass") == 0 || strcmp(if_missing, "fail") == 0) {
            bool pass = strcmp(if_missing, "pass") == 0;
            ar_observation *o = ar_observation_add("sshd configuration absent",
                                                   ar_fmt("%s does not exist: the OpenSSH server is not installed", config_file));
            ar_observation_method(o, AR_EXAMINE);
            ar_observation_prop(o, "configFile", config_file);
            ar_finding *f = ar_finding_add("sshd-config-present", pass ? AR_SATISFIED : AR_NOT_SATISFIED,
                                           pass ? "No SSH daemon configured" : "SSH daemon configuration missing",
                                           ar_fmt("%s does not exist; configuration says ifMissing=%s.", config_file, if_missing));
            ar_finding_observation(f, o);
            if (!pass) ar_finding_raise_risk(f, "SSH daemon configuration missing", "The expected sshd configuration is absent.",
                                             "Impact: unknown - the host's SSH exposure cannot be assessed. Likelihood: unknown.");
            return ar_finish();
        }
        if (strcmp(if_missing, "not-applicable") == 0) {
            /* No SSH server, no SSH server to harden: not a gap in cm-6, and not an unknown either. */
            ar_observation *o = ar_observation_add("sshd configuration absent",
                                                   ar_fmt("%s does not exist: the OpenSSH server is not installed", config_file));
            ar_observation_method(o, AR_EXAMINE);
            ar_observation_prop(o, "configFile", config_file);
            ar_not_applicable("%s does not exist: the OpenSSH server is not installed", config_file);
        }
        ar_error("cannot read %s: %s", config_file, strerror(ENOENT));
    }
    if (!probe) ar_error("cannot read %s: %s", config_file, strerror(errno));
    free(probe);

    parse_file(config_file, 0, NULL);
    if (unassessable) ar_error("%s", unassessable);

    ar_observation *read = ar_observation_add(
        "sshd configuration read",
        ar_fmt("Read %zu file(s) starting at %s, %zu settings.", nfiles, config_file, nsettings));
    ar_observation_method(read, AR_EXAMINE);
    for (size_t i = 0; i < nfiles; i++) {
        ar_observation_subject(read, files[i].subject);
        ar_observation_evidence(read, files[i].path, ar_fmt("sshd configuration file, sha256 %s", files[i].sha256));
    }

    for (size_t i = 0; i < sizeof CHECKS / sizeof CHECKS[0]; i++) {
        if (skipped(CHECKS[i].id)) {
            ar_log(AR_INFO, "check %s skipped by configuration", CHECKS[i].id);
            continue;
        }
        run_check(&CHECKS[i], config_file);
    }
    return ar_finish();
}
