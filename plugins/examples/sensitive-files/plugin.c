/*
 * examples/sensitive-files: checks sensitive files for what a WASI plugin can actually observe.
 *
 * WASI preview1 does not expose Unix permission bits or ownership (wasi-libc's stat() reports only
 * the file type, uid and gid are 0), so "is /etc/shadow group-readable?" cannot be answered from
 * inside the sandbox. This plugin checks what is observable and real instead:
 *
 *  - /etc/passwd: no account other than the allowed ones has UID 0; no account has an empty
 *    password field; no legacy NIS '+'/'-' entries.
 *  - /etc/shadow (when the runtime's account can read it): no account has an empty password hash.
 *  - Trees such as /home and /root: no rsh/rlogin trust files (.rhosts, .shosts, hosts.equiv) and no
 *    .netrc (plain-text credentials); no unencrypted private keys (PEM PKCS#1/PKCS#8/SEC1,
 *    OpenSSH, PuTTY).
 *  - Optionally, files that must not be readable: whether the runtime's own account can open them.
 *    When the runtime runs under an unprivileged account this is a real permission check (the host
 *    kernel decides); under root everything is readable and the check is meaningless, so it is off
 *    unless configured.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "assessment.h"

static struct {
    const char *const *trust_names;
    const char *const *key_ignore;
    long long max_reported, max_files, key_max_bytes;
    long long files_seen;
    bool files_limit_hit;
    /* findings of the scan */
    ar_observation **trust_obs;
    size_t ntrust;
    ar_observation **key_obs;
    size_t nkeys, keys_encrypted;
    char *trust_list, *key_list;
} S;

static ar_subject *file_subject(const char *path, const char *title) {
    return ar_subject_add("resource", path, title);
}

static char *append(char *list, const char *item) {
    return *list ? ar_fmt("%s, %s", list, item) : ar_strdup(item);
}

/* ---------------------------------------------------------------------------------------------- */
/* passwd and shadow                                                                               */

/* Splits a colon-separated line into at most max fields; returns how many. */
static int split_colon(char *line, char **f, int max) {
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++) {
        if (*p == ':') {
            *p = 0;
            f[n++] = p + 1;
        }
    }
    return n;
}

static void check_passwd(const char *path) {
    size_t len;
    char *text = ar_read_file(path, 16 << 20, &len);
    if (!text) ar_error("cannot read %s: %s", path, strerror(errno));
    char *sha = ar_sha256_hex(text, len);
    ar_subject *subject = file_subject(path, "account database");
    ar_subject_prop(subject, "sha256", sha);

    static const char *const def_uid0[] = {"root", NULL};
    const char *const *uid0_allowed = ar_config_strings("uid0Allowed", def_uid0);
    char *uid0 = ar_strdup(""), *uid0_bad = ar_strdup(""), *empty = ar_strdup(""), *legacy = ar_strdup("");
    int accounts = 0, lineno = 0;
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        lineno++;
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r') line[--n] = 0;
        if (!n || line[0] == '#') continue;
        if (line[0] == '+' || line[0] == '-') {
            legacy = append(legacy, ar_fmt("line %d '%.40s'", lineno, line));
            continue;
        }
        char *f[8];
        int nf = split_colon(line, f, 7);
        if (nf < 7) {
            ar_log(AR_WARN, "%s:%d: %d fields instead of 7; line ignored", path, lineno, nf);
            continue;
        }
        accounts++;
        char *end;
        long uid = strtol(f[2], &end, 10);
        if (*f[2] && !*end && uid == 0) {
            uid0 = append(uid0, f[0]);
            bool ok = false;
            for (size_t i = 0; uid0_allowed[i]; i++) ok |= strcmp(uid0_allowed[i], f[0]) == 0;
            if (!ok) uid0_bad = append(uid0_bad, f[0]);
        }
        if (!*f[1]) empty = append(empty, f[0]);
    }

    ar_observation *o = ar_observation_add(
        "Accounts in /etc/passwd", ar_fmt("%s lists %d accounts; UID 0: %s.", path, accounts, *uid0 ? uid0 : "none"));
    ar_observation_method(o, AR_EXAMINE);
    ar_observation_subject(o, subject);
    ar_observation_propf(o, "accounts", "%d", accounts);
    ar_observation_prop(o, "uid0Accounts", uid0);
    ar_observation_prop(o, "emptyPasswordField", empty);
    ar_observation_prop(o, "legacyEntries", legacy);
    ar_observation_evidence(o, path, ar_fmt("account database, sha256 %s", sha));

    ar_finding *f1 = ar_finding_add("passwd-uid0-only-root", *uid0_bad ? AR_NOT_SATISFIED : AR_SATISFIED,
                                    *uid0_bad ? "Accounts other than root have UID 0" : "Only allowed accounts have UID 0",
                                    *uid0_bad ? ar_fmt("These accounts have UID 0 (full root privileges): %s.", uid0_bad)
                                              : ar_fmt("UID 0 accounts: %s; all are allowed.", *uid0 ? uid0 : "none"));
    ar_finding_observation(f1, o);
    if (*uid0_bad)
        ar_finding_raise_risk(f1, "Hidden superuser accounts", ar_fmt("Accounts %s have root privileges under another name.", uid0_bad),
                              "Impact: critical - a second root account is a classic backdoor and escapes root-login controls. "
                              "Likelihood: high if the account was not created on purpose.");

    ar_finding *f2 = ar_finding_add("passwd-no-empty-password", *empty ? AR_NOT_SATISFIED : AR_SATISFIED,
                                    *empty ? "Accounts without a password" : "Every account has a password field",
                                    *empty ? ar_fmt("These accounts have an empty password field in %s, so no password is "
                                                    "asked: %s.", path, empty)
                                           : ar_fmt("No account in %s has an empty password field.", path));
    ar_finding_observation(f2, o);
    if (*empty)
        ar_finding_raise_risk(f2, "Accounts that log in without a password", ar_fmt("Accounts %s need no password.", empty),
                              "Impact: critical - anyone can log in as them. Likelihood: high.");

    ar_finding *f3 = ar_finding_add("passwd-no-legacy-entries", *legacy ? AR_NOT_SATISFIED : AR_SATISFIED,
                                    *legacy ? "Legacy NIS entries in /etc/passwd" : "No legacy NIS entries",
                                    *legacy ? ar_fmt("%s has '+'/'-' compatibility entries: %s.", path, legacy)
                                            : ar_fmt("%s has no '+'/'-' compatibility entries.", path));
    ar_finding_observation(f3, o);
    if (*legacy)
        ar_finding_raise_risk(f3, "Legacy NIS compatibility entries", ar_fmt("%s: %s.", path, legacy),
                              "Impact: high - they can admit accounts from a directory service without a password. "
                              "Likelihood: low to moderate.");
    free(text);
}

static void check_shadow(const char *path) {
    size_t len;
    char *text = ar_read_file(path, 16 << 20, &len);
    if (!text) {
        if (errno == ENOENT)
            ar_log(AR_INFO, "%s does not exist; shadow check skipped", path);
        else
            ar_log(AR_INFO, "%s cannot be read by the runtime's account (%s); shadow check skipped", path, strerror(errno));
        return;
    }
    ar_subject *subject = file_subject(path, "password hash database");
    char *empty = ar_strdup("");
    int accounts = 0, lineno = 0;
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        lineno++;
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r') line[--n] = 0;
        if (!n || line[0] == '#' || line[0] == '+' || line[0] == '-') continue;
        char *f[10];
        int nf = split_colon(line, f, 9);
        if (nf < 2) {
            ar_log(AR_WARN, "%s:%d: malformed line ignored", path, lineno);
            continue;
        }
        accounts++;
        if (!*f[1]) empty = append(empty, f[0]);
    }
    /* never report hashes: only account names and counts leave the sandbox */
    ar_observation *o = ar_observation_add("Password hashes in /etc/shadow",
                                           ar_fmt("%s has %d entries; empty hashes: %s.", path, accounts, *empty ? empty : "none"));
    ar_observation_method(o, AR_EXAMINE);
    ar_observation_subject(o, subject);
    ar_observation_propf(o, "accounts", "%d", accounts);
    ar_observation_prop(o, "emptyHash", empty);
    ar_finding *f = ar_finding_add("shadow-no-empty-password", *empty ? AR_NOT_SATISFIED : AR_SATISFIED,
                                   *empty ? "Accounts with an empty password hash" : "No empty password hashes",
                                   *empty ? ar_fmt("These accounts have an empty password hash in %s: %s.", path, empty)
                                          : ar_fmt("No account in %s has an empty password hash.", path));
    ar_finding_observation(f, o);
    if (*empty)
        ar_finding_raise_risk(f, "Accounts that log in without a password",
                              ar_fmt("Accounts %s have no password hash.", empty),
                              "Impact: critical - anyone can log in as them where password logins are allowed. Likelihood: high.");
    /* wipe the hashes before the memory is released */
    memset(text, 0, len);
    free(text);
}

/* ---------------------------------------------------------------------------------------------- */
/* Trust files and private keys                                                                    */

static const char *find(const char *hay, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, k) == 0) return hay + i;
    return NULL;
}

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

/*
 * Classifies a private key file: returns its format and sets *encrypted, or NULL when the text holds
 * no private key.
 */
static const char *classify_key(const char *text, size_t len, bool *encrypted) {
    *encrypted = false;
    if (len > 22 && strncmp(text, "PuTTY-User-Key-File-", 20) == 0) {
        const char *enc = find(text, len, "\nEncryption: ");
        *encrypted = !(enc && strncmp(enc + 13, "none", 4) == 0);
        return "PuTTY";
    }
    const char *b = find(text, len, "-----BEGIN ");
    while (b) {
        const char *label = b + 11;
        size_t rest = len - (size_t)(label - text);
        const char *dash = find(label, rest, "-----");
        if (!dash) return NULL;
        size_t ll = (size_t)(dash - label);
        const char *body = dash + 5;
        size_t body_len = len - (size_t)(body - text);
        if (ll >= 11 && memcmp(label + ll - 11, "PRIVATE KEY", 11) == 0) {
            if (ll == 19 && memcmp(label, "OPENSSH PRIVATE KEY", 19) == 0) {
                const char *end = find(body, body_len, "-----END");
                size_t n;
                uint8_t *blob = ar_base64_decode(body, end ? (size_t)(end - body) : body_len, &n);
                /* "openssh-key-v1\0", then string ciphername */
                if (blob && n >= 19 && memcmp(blob, "openssh-key-v1", 15) == 0) {
                    uint32_t cl = be32(blob + 15);
                    *encrypted = !(cl == 4 && n >= 23 && memcmp(blob + 19, "none", 4) == 0);
                } else {
                    *encrypted = false; /* unreadable: report it as a key in the clear, to be looked at */
                }
                free(blob);
                return "OpenSSH";
            }
            if (ll == 21 && memcmp(label, "ENCRYPTED PRIVATE KEY", 21) == 0) {
                *encrypted = true;
                return "PKCS#8";
            }
            if (ll == 11) return "PKCS#8"; /* "BEGIN PRIVATE KEY": never encrypted */
            /* "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY": encrypted by a Proc-Type header */
            const char *end = find(body, body_len, "-----END");
            size_t hl = end ? (size_t)(end - body) : body_len;
            *encrypted = find(body, hl, "Proc-Type: 4,ENCRYPTED") != NULL;
            return ll == 15 && memcmp(label, "RSA", 3) == 0 ? "PKCS#1 RSA" : "PEM (traditional)";
        }
        b = find(body, body_len, "-----BEGIN ");
    }
    return NULL;
}

static void record_trust_file(const char *path, const char *name) {
    S.ntrust++;
    S.trust_list = append(S.trust_list, path);
    if ((long long)S.ntrust > S.max_reported) return;
    ar_subject *s = file_subject(path, name);
    ar_observation *o = ar_observation_add(ar_fmt("%s found", name),
                                           strcmp(name, ".netrc") == 0
                                               ? ar_fmt("%s exists; .netrc files hold credentials in plain text.", path)
                                               : ar_fmt("%s exists; it grants password-less rsh/rlogin-style trust.", path));
    ar_observation_method(o, AR_EXAMINE);
    ar_observation_subject(o, s);
    ar_observation_prop(o, "path", path);
    ar_observation_evidence(o, path, ar_fmt("%s file", name));
    S.trust_obs = ar_realloc(S.trust_obs, S.ntrust * sizeof *S.trust_obs);
    S.trust_obs[S.ntrust - 1] = o;
}

static void inspect_key(const char *path) {
    for (size_t i = 0; S.key_ignore[i]; i++)
        if (fnmatch(S.key_ignore[i], path, 0) == 0) return;
    struct stat st;
    if (stat(path, &st) != 0 || st.st_size > S.key_max_bytes || st.st_size == 0) return;
    size_t len;
    char *text = ar_read_file(path, (size_t)S.key_max_bytes, &len);
    if (!text) {
        ar_log(AR_DEBUG, "cannot read %s: %s", path, strerror(errno));
        return;
    }
    bool encrypted;
    const char *format = classify_key(text, len, &encrypted);
    memset(text, 0, len); /* key material does not linger */
    free(text);
    if (!format) return;
    if (encrypted) {
        S.keys_encrypted++;
        ar_log(AR_DEBUG, "%s: %s private key, encrypted", path, format);
        return;
    }
    S.nkeys++;
    S.key_list = append(S.key_list, path);
    if ((long long)S.nkeys > S.max_reported) return;
    ar_subject *s = file_subject(path, "private key");
    ar_subject_prop(s, "format", format);
    ar_observation *o = ar_observation_add("Unencrypted private key",
                                           ar_fmt("%s holds a %s private key that is not protected by a passphrase.", path, format));
    ar_observation_method(o, AR_EXAMINE);
    ar_observation_subject(o, s);
    ar_observation_prop(o, "path", path);
    ar_observation_prop(o, "format", format);
    ar_observation_prop(o, "encrypted", "false");
    ar_observation_evidence(o, path, ar_fmt("%s private key header (key material is never read out)", format));
    S.key_obs = ar_realloc(S.key_obs, S.nkeys * sizeof *S.key_obs);
    S.key_obs[S.nkeys - 1] = o;
}

static bool visit(const char *path, const char *name, ar_entry_type type, int depth, void *user) {
    (void)depth;
    (void)user;
    if (type != AR_ENTRY_FILE && type != AR_ENTRY_SYMLINK) return true;
    if (++S.files_seen > S.max_files) {
        S.files_limit_hit = true;
        return false;
    }
    for (size_t i = 0; S.trust_names[i]; i++) {
        if (strcmp(name, S.trust_names[i]) == 0) {
            record_trust_file(path, name);
            return true;
        }
    }
    if (type == AR_ENTRY_FILE) inspect_key(path);
    return true;
}

static void conclude_scan(const char *const *roots, ar_observation *scan) {
    ar_finding *t = ar_finding_add("no-trust-files", S.ntrust ? AR_NOT_SATISFIED : AR_SATISFIED,
                                   S.ntrust ? "Trust or credential files found" : "No trust or credential files",
                                   S.ntrust ? ar_fmt("%zu file(s) that grant password-less trust or hold plain-text "
                                                     "credentials: %s.", S.ntrust, S.trust_list)
                                            : "No .rhosts, .shosts, hosts.equiv, shosts.equiv or .netrc files were found.");
    ar_finding_observation(t, scan);
    for (size_t i = 0; i < S.ntrust && (long long)i < S.max_reported; i++) ar_finding_observation(t, S.trust_obs[i]);
    if (S.ntrust)
        ar_finding_raise_risk(t, "Password-less trust or plain-text credentials", ar_fmt("Found: %s.", S.trust_list),
                              "Impact: high - trust files let other hosts' users in without a password, .netrc leaks "
                              "credentials to anyone who can read it. Likelihood: moderate.");

    ar_finding *k = ar_finding_add("no-unencrypted-private-keys", S.nkeys ? AR_NOT_SATISFIED : AR_SATISFIED,
                                   S.nkeys ? "Unencrypted private keys found" : "No unencrypted private keys",
                                   S.nkeys ? ar_fmt("%zu private key(s) without a passphrase: %s.", S.nkeys, S.key_list)
                                           : ar_fmt("No unencrypted private key was found (%zu encrypted).", S.keys_encrypted));
    ar_finding_observation(k, scan);
    for (size_t i = 0; i < S.nkeys && (long long)i < S.max_reported; i++) ar_finding_observation(k, S.key_obs[i]);
    if (S.nkeys)
        ar_finding_raise_risk(k, "Private keys usable by whoever copies them", ar_fmt("Unencrypted: %s.", S.key_list),
                              "Impact: high - a copied key (backup, stolen disk, compromised account) authenticates "
                              "without further secret. Likelihood: moderate.");
    (void)roots;
}

/* ---------------------------------------------------------------------------------------------- */

static void check_unreadable(const char *const *paths) {
    ar_observation *o = ar_observation_add(
        "Readability by the runtime's account",
        "Whether the account the assessment runtime runs under can open files that only privileged accounts "
        "should read. Meaningful only when the runtime runs unprivileged.");
    ar_observation_method(o, AR_TEST);
    char *readable = ar_strdup("");
    for (size_t i = 0; paths[i]; i++) {
        size_t len;
        char *text = ar_read_file(paths[i], 1, &len);
        int err = text ? 0 : errno;
        if (text) memset(text, 0, len), free(text);
        const char *verdict;
        if (!text && err == EFBIG) err = 0; /* opened and read: readable */
        if (err == 0) {
            verdict = "readable";
            readable = append(readable, paths[i]);
        } else if (err == EACCES || err == EPERM) {
            verdict = "permission denied";
        } else if (err == ENOENT) {
            verdict = "absent";
        } else {
            ar_error("cannot tell whether %s is readable: %s (is its directory granted?)", paths[i], strerror(err));
        }
        ar_observation_prop(o, paths[i], verdict);
        ar_observation_subject(o, file_subject(paths[i], "sensitive file"));
    }
    ar_finding *f = ar_finding_add("sensitive-files-unreadable", *readable ? AR_NOT_SATISFIED : AR_SATISFIED,
                                   *readable ? "Sensitive files readable by an unprivileged account"
                                             : "Sensitive files not readable by an unprivileged account",
                                   *readable ? ar_fmt("The runtime's unprivileged account can read: %s; their permissions "
                                                      "are too open.", readable)
                                             : "The runtime's unprivileged account cannot read any of the listed files.");
    ar_finding_observation(f, o);
    if (*readable)
        ar_finding_raise_risk(f, "Sensitive files readable by ordinary accounts", ar_fmt("Readable: %s.", readable),
                              "Impact: high - password hashes or keys can be copied and cracked offline. Likelihood: moderate.");
}

int main(void) {
    ar_init();
    ar_set_title("Sensitive files");
    static const char *const def_roots[] = {"/home", "/root", NULL};
    static const char *const def_trust[] = {".rhosts", ".shosts", "hosts.equiv", "shosts.equiv", ".netrc", NULL};
    static const char *const def_ignore[] = {"/etc/ssh/ssh_host_*_key", NULL};
    const char *passwd = ar_config_string("passwdFile", "/etc/passwd");
    const char *shadow = ar_config_string("shadowFile", "/etc/shadow");
    const char *const *roots = ar_config_strings("scanPaths", def_roots);
    int max_depth = (int)ar_config_int("maxDepth", 4);
    S.trust_names = ar_config_strings("trustFileNames", def_trust);
    S.key_ignore = ar_config_strings("keyIgnore", def_ignore);
    S.max_reported = ar_config_int("maxReported", 50);
    S.max_files = ar_config_int("maxFiles", 100000);
    S.key_max_bytes = ar_config_int("keyMaxBytes", 65536);
    const char *const *unreadable = ar_config_strings("mustNotBeReadable", NULL);
    S.trust_list = ar_strdup("");
    S.key_list = ar_strdup("");

    if (*passwd) check_passwd(passwd);
    if (*shadow) check_shadow(shadow);

    ar_observation *scan = ar_observation_add("Directory scan", "Trees searched for trust files and private keys.");
    ar_observation_method(scan, AR_EXAMINE);
    size_t unreadable_roots = 0;
    for (size_t i = 0; roots[i]; i++) {
        ar_observation_prop(scan, ar_fmt("path.%zu", i + 1), roots[i]);
        struct stat st;
        if (stat(roots[i], &st) != 0) {
            ar_log(AR_WARN, "cannot search %s: %s", roots[i], strerror(errno));
            unreadable_roots++;
            continue;
        }
        if (ar_walk(roots[i], max_depth, visit, NULL) == -1) break;
    }
    ar_observation_propf(scan, "filesSeen", "%lld", S.files_seen);
    ar_observation_propf(scan, "maxDepth", "%d", max_depth);
    if (S.files_limit_hit) {
        ar_observation_prop(scan, "complete", "false");
        ar_log(AR_WARN, "stopped after maxFiles=%lld files; the scan is incomplete", S.max_files);
    }
    if (roots[0] && unreadable_roots == ar_count(roots))
        ar_error("none of the scanPaths can be searched (are they granted?)");
    if (roots[0]) conclude_scan(roots, scan);
    if (unreadable[0]) check_unreadable(unreadable);
    return ar_finish();
}
