/*
 * examples/tls-cert-expiry: finds X.509 certificates in granted directories (PEM files, PEM bundles,
 * DER files) and fails when one has expired, is not yet valid, or expires within warnDays.
 *
 * Certificates are read with a minimal DER walk (Certificate -> tbsCertificate -> validity, and the
 * subject's and issuer's common name); the current time comes from the WASI clock. Each distinct
 * certificate (by SHA-256 fingerprint) is one subject, one observation and one finding.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assessment.h"

/* ---------------------------------------------------------------------------------------------- */
/* DER                                                                                             */

typedef struct {
    uint8_t tag;
    const uint8_t *p;
    size_t len;
} der;

static bool der_next(const uint8_t **pp, const uint8_t *end, der *out) {
    const uint8_t *p = *pp;
    if (p >= end || end - p < 2) return false;
    uint8_t tag = *p++;
    if ((tag & 0x1f) == 0x1f) return false; /* high tag numbers do not occur where we look */
    size_t len;
    uint8_t l = *p++;
    if (l < 0x80) {
        len = l;
    } else {
        int n = l & 0x7f;
        if (n == 0 || n > 4 || end - p < n) return false; /* indefinite length is not DER */
        len = 0;
        for (int i = 0; i < n; i++) len = (len << 8) | *p++;
    }
    if ((size_t)(end - p) < len) return false;
    out->tag = tag;
    out->p = p;
    out->len = len;
    *pp = p + len;
    return true;
}

static long long days_from_civil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

static int digits(const uint8_t *p, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

/* UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSS[.f]Z) to epoch seconds. */
static bool der_time(const der *t, long long *out) {
    const uint8_t *p = t->p;
    size_t n = t->len;
    int year;
    if (t->tag == 0x17) {
        if (n != 13 || p[12] != 'Z') return false;
        int yy = digits(p, 2);
        if (yy < 0) return false;
        year = yy >= 50 ? 1900 + yy : 2000 + yy; /* RFC 5280 4.1.2.5.1 */
        p += 2;
    } else if (t->tag == 0x18) {
        if (n < 15 || p[n - 1] != 'Z') return false;
        year = digits(p, 4);
        if (year < 0) return false;
        if (n > 15) { /* fractional seconds: not DER, but harmless */
            if (p[14] != '.') return false;
            for (size_t i = 15; i < n - 1; i++)
                if (p[i] < '0' || p[i] > '9') return false;
        }
        p += 4;
    } else {
        return false;
    }
    int mon = digits(p, 2), day = digits(p + 2, 2), h = digits(p + 4, 2), mi = digits(p + 6, 2), s = digits(p + 8, 2);
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mon < 1 || mon > 12 || day < 1 || day > mdays[mon - 1] || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60)
        return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (mon == 2 && day == 29 && !leap) return false;
    *out = days_from_civil(year, (unsigned)mon, (unsigned)day) * 86400 + h * 3600 + mi * 60 + s;
    return true;
}

static void put_utf8(char **o, uint32_t cp) {
    char *p = *o;
    if (cp < 0x80) *p++ = (char)cp;
    else if (cp < 0x800) {
        *p++ = (char)(0xC0 | (cp >> 6));
        *p++ = (char)(0x80 | (cp & 0x3F));
    } else {
        if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
        *p++ = (char)(0xE0 | (cp >> 12));
        *p++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *p++ = (char)(0x80 | (cp & 0x3F));
    }
    *o = p;
}

/* A directory string as UTF-8 (the writer replaces whatever is still not UTF-8). */
static char *der_string(const der *v) {
    char *s = ar_alloc(v->len * 3 + 1), *o = s;
    switch (v->tag) {
    case 0x1E: /* BMPString: UCS-2 big endian */
        for (size_t i = 0; i + 1 < v->len; i += 2) put_utf8(&o, (uint32_t)v->p[i] << 8 | v->p[i + 1]);
        break;
    case 0x14: /* TeletexString: treated as Latin-1, as most software does */
        for (size_t i = 0; i < v->len; i++) put_utf8(&o, v->p[i]);
        break;
    default: /* UTF8String, PrintableString, IA5String, ... */
        for (size_t i = 0; i < v->len; i++) *o++ = v->p[i] ? (char)v->p[i] : '?';
    }
    *o = 0;
    return s;
}

/* The value of the first attribute with this OID (2.5.4.x) in a Name, or NULL. */
static char *name_attr(const der *name, uint8_t attr) {
    const uint8_t *p = name->p, *end = name->p + name->len;
    der rdn;
    while (der_next(&p, end, &rdn)) {
        if (rdn.tag != 0x31) return NULL;
        const uint8_t *q = rdn.p, *qend = rdn.p + rdn.len;
        der atv;
        while (der_next(&q, qend, &atv)) {
            if (atv.tag != 0x30) return NULL;
            const uint8_t *r = atv.p, *rend = atv.p + atv.len;
            der oid, val;
            if (!der_next(&r, rend, &oid) || oid.tag != 0x06 || !der_next(&r, rend, &val)) return NULL;
            if (oid.len == 3 && oid.p[0] == 0x55 && oid.p[1] == 0x04 && oid.p[2] == attr) return der_string(&val);
        }
    }
    return NULL;
}

static char *display_name(const der *name) {
    char *cn = name_attr(name, 3); /* commonName */
    char *o = name_attr(name, 10); /* organizationName */
    if (cn && o) return ar_fmt("CN=%s, O=%s", cn, o);
    if (cn) return ar_fmt("CN=%s", cn);
    if (o) return ar_fmt("O=%s", o);
    return ar_strdup("(no common name)");
}

typedef struct {
    long long not_before, not_after;
    char *subject, *issuer, *serial;
} cert_info;

static const char *parse_cert(const uint8_t *data, size_t len, cert_info *ci) {
    const uint8_t *p = data, *end = data + len;
    der cert, tbs, x, issuer, validity, subject, nb, na;
    if (!der_next(&p, end, &cert) || cert.tag != 0x30) return "not a DER SEQUENCE";
    const uint8_t *q = cert.p, *qend = cert.p + cert.len;
    if (!der_next(&q, qend, &tbs) || tbs.tag != 0x30) return "no tbsCertificate";
    const uint8_t *r = tbs.p, *rend = tbs.p + tbs.len;
    if (!der_next(&r, rend, &x)) return "truncated tbsCertificate";
    if (x.tag == 0xA0 && !der_next(&r, rend, &x)) return "truncated after version";
    if (x.tag != 0x02) return "no serial number";
    char *serial = ar_alloc(x.len * 2 + 1);
    for (size_t i = 0; i < x.len; i++) sprintf(serial + 2 * i, "%02x", x.p[i]);
    serial[x.len * 2] = 0;
    if (!der_next(&r, rend, &x) || x.tag != 0x30) return "no signature algorithm";
    if (!der_next(&r, rend, &issuer) || issuer.tag != 0x30) return "no issuer";
    if (!der_next(&r, rend, &validity) || validity.tag != 0x30) return "no validity";
    if (!der_next(&r, rend, &subject) || subject.tag != 0x30) return "no subject";
    const uint8_t *v = validity.p, *vend = validity.p + validity.len;
    if (!der_next(&v, vend, &nb) || !der_next(&v, vend, &na)) return "truncated validity";
    if (!der_time(&nb, &ci->not_before)) return "invalid notBefore";
    if (!der_time(&na, &ci->not_after)) return "invalid notAfter";
    ci->subject = display_name(&subject);
    ci->issuer = display_name(&issuer);
    ci->serial = serial;
    return NULL;
}

/* ---------------------------------------------------------------------------------------------- */
/* Scanning                                                                                        */

typedef struct {
    char *fingerprint;
    char *first_location;
    ar_observation *obs;
    int locations;
} seen_cert;

static struct {
    long long now, warn_seconds;
    long long warn_days;
    const char *const *extensions;
    const char *const *exclude;
    long long max_certificates;
    size_t max_file_bytes;
    seen_cert *certs;
    size_t ncerts, cap;
    size_t files_read, unreadable, unparseable, not_followed;
    bool limit_hit;
} S;

static bool wanted(const char *path) {
    for (size_t i = 0; S.exclude[i]; i++)
        if (fnmatch(S.exclude[i], path, 0) == 0) return false;
    size_t n = strlen(path);
    for (size_t i = 0; S.extensions[i]; i++) {
        size_t e = strlen(S.extensions[i]);
        if (e <= n && ar_streq_ci(path + n - e, S.extensions[i])) return true;
    }
    return false;
}

static void report_cert(const char *path, int index, const uint8_t *der_bytes, size_t len) {
    char *fp = ar_sha256_hex(der_bytes, len);
    char *location = index ? ar_fmt("%s#%d", path, index) : ar_strdup(path);
    for (size_t i = 0; i < S.ncerts; i++) {
        if (strcmp(S.certs[i].fingerprint, fp) == 0) {
            /* the same certificate again (a bundle and a single file, say): one more location */
            ar_observation_prop(S.certs[i].obs, ar_fmt("location.%d", ++S.certs[i].locations), location);
            return;
        }
    }
    if ((long long)S.ncerts >= S.max_certificates) {
        S.limit_hit = true;
        return;
    }
    cert_info ci;
    const char *err = parse_cert(der_bytes, len, &ci);
    if (err) {
        S.unparseable++;
        ar_log(AR_WARN, "%s: not a certificate the plugin can read: %s", location, err);
        return;
    }
    ar_subject *s = ar_subject_add("resource", ar_fmt("sha256:%s", fp), ci.subject);
    ar_subject_prop(s, "subject", ci.subject);
    ar_subject_prop(s, "issuer", ci.issuer);
    ar_subject_prop(s, "serial", ci.serial);
    ar_subject_prop(s, "notAfter", ar_iso8601(ci.not_after));

    long long left = ci.not_after - S.now;
    long long days_left = left >= 0 ? left / 86400 : -((-left + 86399) / 86400);
    ar_observation *o = ar_observation_add(
        ar_fmt("Certificate %s", ci.subject),
        ar_fmt("%s, issued by %s, valid from %s until %s (%lld days from now), found in %s.", ci.subject, ci.issuer,
               ar_iso8601(ci.not_before), ar_iso8601(ci.not_after), days_left, location));
    ar_observation_method(o, AR_EXAMINE);
    ar_observation_subject(o, s);
    ar_observation_prop(o, "location.1", location);
    ar_observation_prop(o, "notBefore", ar_iso8601(ci.not_before));
    ar_observation_prop(o, "notAfter", ar_iso8601(ci.not_after));
    ar_observation_propf(o, "daysLeft", "%lld", days_left);
    ar_observation_prop(o, "sha256", fp);
    ar_observation_evidence(o, path, ar_fmt("X.509 certificate, SHA-256 fingerprint %s", fp));

    if (S.ncerts == S.cap) {
        S.cap = S.cap ? S.cap * 2 : 32;
        S.certs = ar_realloc(S.certs, S.cap * sizeof *S.certs);
    }
    S.certs[S.ncerts++] = (seen_cert){fp, location, o, 1};

    const char *problem = NULL;
    if (S.now < ci.not_before) problem = ar_fmt("is not valid before %s", ar_iso8601(ci.not_before));
    else if (left < 0) problem = ar_fmt("expired on %s, %lld days ago", ar_iso8601(ci.not_after), -days_left);
    else if (left < S.warn_seconds)
        problem = ar_fmt("expires within %lld days, on %s (%lld days left)", S.warn_days, ar_iso8601(ci.not_after), days_left);
    ar_finding *f = ar_finding_add(
        "tls-cert-expiry", problem ? AR_NOT_SATISFIED : AR_SATISFIED,
        problem ? ar_fmt("Certificate %s %s", ci.subject, left < 0 ? "has expired" : S.now < ci.not_before ? "is not yet valid" : "expires soon")
                : ar_fmt("Certificate %s is valid", ci.subject),
        problem ? ar_fmt("The certificate %s (%s) %s.", ci.subject, location, problem)
                : ar_fmt("The certificate %s (%s) is valid for %lld more days, at least %lld as required.", ci.subject,
                         location, days_left, S.warn_days));
    ar_finding_observation(f, o);
    if (problem) {
        ar_finding_raise_risk(
            f, left < 0 ? "Expired TLS certificate" : "TLS certificate about to expire",
            ar_fmt("%s in %s %s. Remedy: renew or replace the certificate, or remove it if unused.", ci.subject, location, problem),
            "Impact: high - clients refuse the service (outage) or users learn to click through certificate warnings. "
            "Likelihood: certain once the certificate has expired.");
    }
}

static const char *find(const char *hay, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, k) == 0) return hay + i;
    return NULL;
}

static void scan_file(const char *path) {
    size_t len;
    char *data = ar_read_file(path, S.max_file_bytes, &len);
    if (!data) {
        S.unreadable++;
        ar_log(errno == EFBIG ? AR_WARN : AR_INFO, "cannot read %s: %s", path,
               errno == EFBIG ? "larger than maxFileBytes" : strerror(errno));
        return;
    }
    S.files_read++;
    const char *p = data, *end = data + len;
    int index = 0, blocks = 0;
    static const char *const labels[] = {"CERTIFICATE", "TRUSTED CERTIFICATE", "X509 CERTIFICATE", NULL};
    const char *begin;
    while ((begin = find(p, (size_t)(end - p), "-----BEGIN ")) != NULL) {
        blocks++;
        const char *label = begin + 11;
        const char *dash = find(label, (size_t)(end - label), "-----");
        if (!dash) break;
        size_t label_len = (size_t)(dash - label);
        bool is_cert = false;
        for (int i = 0; labels[i]; i++)
            if (strlen(labels[i]) == label_len && memcmp(label, labels[i], label_len) == 0) is_cert = true;
        char *end_marker = ar_fmt("-----END %.*s-----", (int)label_len, label);
        const char *body = dash + 5;
        const char *stop = find(body, (size_t)(end - body), end_marker);
        if (!stop) {
            if (is_cert) {
                S.unparseable++;
                ar_log(AR_WARN, "%s: certificate block #%d has no END line", path, index + 1);
            }
            break;
        }
        p = stop + strlen(end_marker);
        if (!is_cert) continue; /* keys, CSRs, parameters: not ours */
        index++;
        size_t n;
        uint8_t *bytes = ar_base64_decode(body, (size_t)(stop - body), &n);
        if (!bytes) {
            S.unparseable++;
            ar_log(AR_WARN, "%s#%d: certificate block is not valid base64", path, index);
            continue;
        }
        /* a TRUSTED CERTIFICATE is the certificate followed by OpenSSL's trust settings */
        const uint8_t *c = bytes;
        der whole;
        size_t cert_len = n;
        if (der_next(&c, bytes + n, &whole)) cert_len = (size_t)(c - bytes);
        report_cert(path, index, bytes, cert_len);
        free(bytes);
    }
    if (blocks == 0 && len > 0 && (unsigned char)data[0] == 0x30) {
        report_cert(path, 0, (const uint8_t *)data, len); /* a DER file */
    }
    free(data);
}

static bool visit(const char *path, const char *name, ar_entry_type type, int depth, void *user) {
    (void)name;
    (void)depth;
    (void)user;
    if (S.limit_hit) return false;
    if (type == AR_ENTRY_DIR || !wanted(path)) return true;
    if (type == AR_ENTRY_SYMLINK) {
        /* followed through the sandbox: a link out of the granted directories does not resolve */
        size_t len;
        char *probe = ar_read_file(path, 1, &len);
        if (!probe && errno != EFBIG) {
            if (++S.not_followed <= 5) ar_log(AR_DEBUG, "%s: symbolic link not followed: %s", path, strerror(errno));
            return true;
        }
        free(probe);
    } else if (type != AR_ENTRY_FILE) {
        return true;
    }
    scan_file(path);
    return true;
}

int main(void) {
    ar_init();
    static const char *const default_paths[] = {"/etc/ssl/certs", NULL};
    static const char *const default_ext[] = {".pem", ".crt", ".cer", ".der", NULL};
    const char *const *paths = ar_config_strings("paths", default_paths);
    S.warn_days = ar_config_int("warnDays", 30);
    int max_depth = (int)ar_config_int("maxDepth", 4);
    S.extensions = ar_config_strings("extensions", default_ext);
    S.exclude = ar_config_strings("exclude", NULL);
    S.max_certificates = ar_config_int("maxCertificates", 2000);
    S.max_file_bytes = (size_t)ar_config_int("maxFileBytes", 8 << 20);
    bool require = ar_config_bool("requireCertificates", false);
    ar_set_title("TLS certificate expiry");
    if (S.warn_days < 0) ar_error("configuration 'warnDays' must not be negative");
    S.warn_seconds = S.warn_days * 86400;
    S.now = ar_now();
    if (S.now < 0) ar_error("the WASI clock is not available, so expiry cannot be judged");

    ar_observation *scan = ar_observation_add("Certificate scan", "Certificate files searched for in the granted directories.");
    ar_observation_method(scan, AR_EXAMINE);
    ar_observation_prop(scan, "now", ar_iso8601(S.now));
    ar_observation_propf(scan, "warnDays", "%lld", S.warn_days);
    int missing = 0;
    for (size_t i = 0; paths[i]; i++) {
        ar_observation_prop(scan, ar_fmt("path.%zu", i + 1), paths[i]);
        size_t len;
        char *probe = ar_read_file(paths[i], 0, &len);
        if (!probe && errno == EISDIR) {
            ar_walk(paths[i], max_depth, visit, NULL);
        } else if (probe || errno == EFBIG) {
            free(probe);
            scan_file(paths[i]);
        } else {
            missing++;
            ar_log(AR_WARN, "cannot read %s: %s", paths[i], strerror(errno));
        }
    }
    ar_observation_propf(scan, "filesRead", "%zu", S.files_read);
    ar_observation_propf(scan, "certificates", "%zu", S.ncerts);
    ar_observation_propf(scan, "unreadable", "%zu", S.unreadable);
    ar_observation_propf(scan, "unparseable", "%zu", S.unparseable);
    ar_observation_propf(scan, "symlinksNotFollowed", "%zu", S.not_followed);
    if (S.not_followed)
        ar_log(AR_INFO, "%zu symbolic link(s) point outside the granted directories and were not read", S.not_followed);
    if (S.limit_hit) ar_log(AR_WARN, "stopped after maxCertificates=%lld certificates", S.max_certificates);
    if (missing && (size_t)missing == ar_count(paths))
        ar_error("none of the configured paths can be read (are they granted?)");
    if (S.ncerts == 0) {
        ar_finding *f = ar_finding_add("tls-cert-present", require ? AR_NOT_SATISFIED : AR_SATISFIED,
                                       require ? "No certificates found" : "No certificates to check",
                                       ar_fmt("No certificate was found in the configured paths%s.",
                                              require ? ", but requireCertificates is set" : ""));
        ar_finding_observation(f, scan);
        if (require)
            ar_finding_raise_risk(f, "Expected certificates are missing", "No certificate was found where certificates are expected.",
                                  "Impact: unknown - the service may be misconfigured. Likelihood: unknown.");
    }
    return ar_finish();
}
