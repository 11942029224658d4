/*
 * Assessment Runtime plugin SDK for C (Plugin ABI v1): implementation.
 * See assessment.h for the API and ../ABI.md for the contract it implements.
 *
 * Self-contained (wasi-libc only): a strict JSON parser, a JSON writer that always produces valid
 * UTF-8, MD5 (name-based uuids as java.util.UUID derives them), SHA-256 and base64.
 */
#include "assessment.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ================================================================================================
 * Memory and fatal errors
 * ============================================================================================== */

AR_NORETURN AR_PRINTF(2, 3) static void die(int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("ERROR: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fflush(stderr);
    exit(code);
}

void *ar_alloc(size_t size) {
    void *p = malloc(size ? size : 1);
    if (!p) die(AR_EXIT_INTERNAL, "out of memory (allocating %zu bytes)", size);
    return p;
}

void *ar_realloc(void *p, size_t size) {
    void *q = realloc(p, size ? size : 1);
    if (!q) die(AR_EXIT_INTERNAL, "out of memory (allocating %zu bytes)", size);
    return q;
}

char *ar_strdup(const char *s) {
    if (!s) s = "";
    size_t n = strlen(s);
    char *d = ar_alloc(n + 1);
    memcpy(d, s, n + 1);
    return d;
}

char *ar_vfmt(const char *fmt, va_list ap) {
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) die(AR_EXIT_INTERNAL, "invalid format string '%s'", fmt);
    char *s = ar_alloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *ar_fmt(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = ar_vfmt(fmt, ap);
    va_end(ap);
    return s;
}

size_t ar_count(const char *const *strings) {
    size_t n = 0;
    while (strings && strings[n]) n++;
    return n;
}

bool ar_streq_ci(const char *a, const char *b) {
    if (!a || !b) return a == b;
    for (;; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z') x = (unsigned char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (unsigned char)(y + 32);
        if (x != y) return false;
        if (!x) return true;
    }
}

/* Growable byte buffer. */
typedef struct {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_reserve(sbuf *b, size_t extra) {
    if (extra > SIZE_MAX - b->n - 1) die(AR_EXIT_INTERNAL, "out of memory (buffer too large)");
    if (b->n + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            cap = b->n + extra + 1;
            break;
        }
        cap *= 2;
    }
    b->p = ar_realloc(b->p, cap);
    b->cap = cap;
}

static void sb_putn(sbuf *b, const char *s, size_t n) {
    sb_reserve(b, n);
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

static void sb_putc(sbuf *b, char c) { sb_putn(b, &c, 1); }
static void sb_puts(sbuf *b, const char *s) { sb_putn(b, s, strlen(s)); }

/* Generic pointer vector. */
typedef struct {
    void **items;
    size_t n, cap;
} vec;

static void vec_push(vec *v, void *item) {
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 8;
        v->items = ar_realloc(v->items, v->cap * sizeof *v->items);
    }
    v->items[v->n++] = item;
}

static void vec_push_unique(vec *v, void *item) {
    for (size_t i = 0; i < v->n; i++)
        if (v->items[i] == item) return;
    vec_push(v, item);
}

/* ================================================================================================
 * UTF-8
 * ============================================================================================== */

/* Length of the valid UTF-8 sequence at p (1-4), or 0 when the bytes there are not valid UTF-8. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *end, uint32_t *cp) {
    size_t avail = (size_t)(end - p);
    unsigned char b0 = p[0];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    unsigned char lo = 0x80, hi = 0xBF;
    size_t n;
    uint32_t c;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        n = 2;
        c = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        n = 3;
        c = b0 & 0x0F;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F; /* no UTF-16 surrogates */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        n = 4;
        c = b0 & 0x07;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        return 0;
    }
    if (avail < n) return 0;
    if (p[1] < lo || p[1] > hi) return 0;
    c = (c << 6) | (p[1] & 0x3F);
    for (size_t i = 2; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    *cp = c;
    return n;
}

/*
 * Length of the invalid sequence at p to replace with one U+FFFD: the maximal prefix of a
 * well-formed sequence (Unicode's "substitution of maximal subparts", as WHATWG and Java decode).
 */
static size_t utf8_bad_len(const unsigned char *p, const unsigned char *end) {
    unsigned char b0 = p[0], lo = 0x80, hi = 0xBF;
    size_t n;
    if (b0 >= 0xC2 && b0 <= 0xDF) n = 2;
    else if (b0 >= 0xE0 && b0 <= 0xEF) n = 3, lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
    else if (b0 >= 0xF0 && b0 <= 0xF4) n = 4, lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
    else return 1;
    size_t i = 1;
    if (p + i >= end || p[i] < lo || p[i] > hi) return 1;
    for (i = 2; i < n && p + i < end && (p[i] & 0xC0) == 0x80; i++) {
    }
    return i;
}

static void sb_put_utf8(sbuf *b, uint32_t cp) {
    char t[4];
    if (cp < 0x80) {
        t[0] = (char)cp;
        sb_putn(b, t, 1);
    } else if (cp < 0x800) {
        t[0] = (char)(0xC0 | (cp >> 6));
        t[1] = (char)(0x80 | (cp & 0x3F));
        sb_putn(b, t, 2);
    } else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | (cp >> 12));
        t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F));
        sb_putn(b, t, 3);
    } else {
        t[0] = (char)(0xF0 | (cp >> 18));
        t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[3] = (char)(0x80 | (cp & 0x3F));
        sb_putn(b, t, 4);
    }
}

/* A copy of s with every invalid UTF-8 sequence replaced by U+FFFD, as the writer outputs it. */
static char *utf8_clean(const char *s) {
    sbuf b = {0};
    const unsigned char *p = (const unsigned char *)(s ? s : ""), *end = p + strlen((const char *)p);
    sb_reserve(&b, (size_t)(end - p));
    b.p[0] = 0;
    while (p < end) {
        uint32_t cp;
        size_t n = utf8_seq(p, end, &cp);
        if (n == 0) {
            sb_puts(&b, "\xEF\xBF\xBD");
            p += utf8_bad_len(p, end);
        } else {
            sb_putn(&b, (const char *)p, n);
            p += n;
        }
    }
    return b.p;
}

/* Whether s is empty or only whitespace as java.lang.String.isBlank() sees it. */
static bool is_blank(const char *s) {
    if (!s) return true;
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    while (p < end) {
        uint32_t cp;
        size_t n = utf8_seq(p, end, &cp);
        if (n == 0) return false; /* written as U+FFFD, which is not blank */
        bool ws = (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x1680 ||
                  (cp >= 0x2000 && cp <= 0x2006) || (cp >= 0x2008 && cp <= 0x200A) || cp == 0x2028 ||
                  cp == 0x2029 || cp == 0x205F || cp == 0x3000;
        if (!ws) return false;
        p += n;
    }
    return true;
}

/* Writes s as a JSON string: escapes what JSON requires and replaces invalid UTF-8 with U+FFFD. */
static void sb_json_stringn(sbuf *b, const char *s, size_t len) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)(s ? s : ""), *end = p + (s ? len : 0);
    sb_putc(b, '"');
    while (p < end) {
        unsigned char c = *p;
        if (c >= 0x80) {
            uint32_t cp;
            size_t n = utf8_seq(p, end, &cp);
            if (n == 0) {
                sb_puts(b, "\xEF\xBF\xBD");
                p += utf8_bad_len(p, end);
            } else {
                sb_putn(b, (const char *)p, n);
                p += n;
            }
            continue;
        }
        switch (c) {
        case '"': sb_puts(b, "\\\""); break;
        case '\\': sb_puts(b, "\\\\"); break;
        case '\n': sb_puts(b, "\\n"); break;
        case '\r': sb_puts(b, "\\r"); break;
        case '\t': sb_puts(b, "\\t"); break;
        case '\b': sb_puts(b, "\\b"); break;
        case '\f': sb_puts(b, "\\f"); break;
        default:
            if (c < 0x20 || c == 0x7F) {
                char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                sb_putn(b, u, 6);
            } else {
                sb_putc(b, (char)c);
            }
        }
        p++;
    }
    sb_putc(b, '"');
}

static void sb_json_string(sbuf *b, const char *s) { sb_json_stringn(b, s, s ? strlen(s) : 0); }

/* ================================================================================================
 * JSON parser
 * ============================================================================================== */

#define JSON_MAX_DEPTH 128

struct ar_json {
    ar_json_type type;
    size_t n; /* string length, or number of elements/members */
    union {
        bool b;
        struct {
            double d;
            char *raw;
        } num;
        char *s;
        struct {
            ar_json **items;
            char **keys; /* objects only */
        } c;
    } u;
};

typedef struct {
    const unsigned char *start, *p, *end;
    int depth;
    char *err;
    size_t err_size;
    bool failed;
} jparser;

static void jfail(jparser *P, const char *what) {
    if (P->failed) return;
    P->failed = true;
    if (!P->err || P->err_size == 0) return;
    size_t line = 1, col = 1;
    for (const unsigned char *q = P->start; q < P->p && q < P->end; q++) {
        if (*q == '\n') {
            line++;
            col = 1;
        } else if ((*q & 0xC0) != 0x80) {
            col++;
        }
    }
    if (P->p >= P->end)
        snprintf(P->err, P->err_size, "%s at end of input (line %zu, column %zu)", what, line, col);
    else
        snprintf(P->err, P->err_size, "%s at line %zu, column %zu", what, line, col);
}

static void jws(jparser *P) {
    while (P->p < P->end && (*P->p == ' ' || *P->p == '\t' || *P->p == '\n' || *P->p == '\r')) P->p++;
}

static ar_json *jnew(ar_json_type t) {
    ar_json *v = ar_alloc(sizeof *v);
    memset(v, 0, sizeof *v);
    v->type = t;
    return v;
}

static int hexval(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static bool jhex4(jparser *P, uint32_t *out) {
    if (P->end - P->p < 4) {
        P->p = P->end;
        jfail(P, "truncated \\u escape");
        return false;
    }
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(P->p[i]);
        if (h < 0) {
            P->p += i;
            jfail(P, "invalid \\u escape (4 hex digits expected)");
            return false;
        }
        v = (v << 4) | (uint32_t)h;
    }
    P->p += 4;
    *out = v;
    return true;
}

/* Parses a string at P->p (which is at the opening quote) into a new buffer. */
static char *jstring(jparser *P, size_t *len) {
    sbuf b = {0};
    P->p++; /* opening quote */
    for (;;) {
        if (P->p >= P->end) {
            jfail(P, "unterminated string");
            free(b.p);
            return NULL;
        }
        unsigned char c = *P->p;
        if (c == '"') {
            P->p++;
            break;
        }
        if (c < 0x20) {
            jfail(P, "control character in string (must be escaped)");
            free(b.p);
            return NULL;
        }
        if (c == '\\') {
            P->p++;
            if (P->p >= P->end) {
                jfail(P, "unterminated escape");
                free(b.p);
                return NULL;
            }
            unsigned char e = *P->p++;
            switch (e) {
            case '"': sb_putc(&b, '"'); break;
            case '\\': sb_putc(&b, '\\'); break;
            case '/': sb_putc(&b, '/'); break;
            case 'b': sb_putc(&b, '\b'); break;
            case 'f': sb_putc(&b, '\f'); break;
            case 'n': sb_putc(&b, '\n'); break;
            case 'r': sb_putc(&b, '\r'); break;
            case 't': sb_putc(&b, '\t'); break;
            case 'u': {
                uint32_t cp;
                if (!jhex4(P, &cp)) {
                    free(b.p);
                    return NULL;
                }
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    /* a high surrogate: combine with a following low one, else U+FFFD */
                    uint32_t lo;
                    if (P->end - P->p >= 6 && P->p[0] == '\\' && P->p[1] == 'u') {
                        const unsigned char *save = P->p;
                        P->p += 2;
                        if (!jhex4(P, &lo)) {
                            free(b.p);
                            return NULL;
                        }
                        if (lo >= 0xDC00 && lo <= 0xDFFF) {
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        } else {
                            P->p = save; /* not a pair: reparse the second escape on its own */
                            cp = 0xFFFD;
                        }
                    } else {
                        cp = 0xFFFD;
                    }
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    cp = 0xFFFD; /* lone low surrogate */
                }
                sb_put_utf8(&b, cp);
                break;
            }
            default:
                P->p--;
                jfail(P, "invalid escape in string");
                free(b.p);
                return NULL;
            }
            continue;
        }
        if (c < 0x80) {
            sb_putc(&b, (char)c);
            P->p++;
            continue;
        }
        uint32_t cp;
        size_t n = utf8_seq(P->p, P->end, &cp);
        if (n == 0) {
            jfail(P, "invalid UTF-8 in string");
            free(b.p);
            return NULL;
        }
        sb_putn(&b, (const char *)P->p, n);
        P->p += n;
    }
    if (!b.p) sb_reserve(&b, 0), b.p[0] = 0;
    *len = b.n;
    return b.p;
}

static ar_json *jvalue(jparser *P);

static ar_json *jnumber(jparser *P) {
    const unsigned char *s = P->p;
    if (P->p < P->end && *P->p == '-') P->p++;
    if (P->p >= P->end || *P->p < '0' || *P->p > '9') {
        jfail(P, "invalid number");
        return NULL;
    }
    if (*P->p == '0') {
        P->p++;
        if (P->p < P->end && *P->p >= '0' && *P->p <= '9') {
            jfail(P, "leading zero in number");
            return NULL;
        }
    } else {
        while (P->p < P->end && *P->p >= '0' && *P->p <= '9') P->p++;
    }
    if (P->p < P->end && *P->p == '.') {
        P->p++;
        if (P->p >= P->end || *P->p < '0' || *P->p > '9') {
            jfail(P, "digit expected after decimal point");
            return NULL;
        }
        while (P->p < P->end && *P->p >= '0' && *P->p <= '9') P->p++;
    }
    if (P->p < P->end && (*P->p == 'e' || *P->p == 'E')) {
        P->p++;
        if (P->p < P->end && (*P->p == '+' || *P->p == '-')) P->p++;
        if (P->p >= P->end || *P->p < '0' || *P->p > '9') {
            jfail(P, "digit expected in exponent");
            return NULL;
        }
        while (P->p < P->end && *P->p >= '0' && *P->p <= '9') P->p++;
    }
    size_t n = (size_t)(P->p - s);
    ar_json *v = jnew(AR_JSON_NUMBER);
    v->u.num.raw = ar_alloc(n + 1);
    memcpy(v->u.num.raw, s, n);
    v->u.num.raw[n] = 0;
    v->u.num.d = strtod(v->u.num.raw, NULL);
    return v;
}

static bool jliteral(jparser *P, const char *word) {
    size_t n = strlen(word);
    if ((size_t)(P->end - P->p) < n || memcmp(P->p, word, n) != 0) {
        jfail(P, "unexpected character");
        return false;
    }
    P->p += n;
    return true;
}

static ar_json *jcontainer(jparser *P, bool object) {
    if (++P->depth > JSON_MAX_DEPTH) {
        jfail(P, "nesting too deep (more than 128 levels)");
        return NULL;
    }
    ar_json *v = jnew(object ? AR_JSON_OBJECT : AR_JSON_ARRAY);
    size_t cap = 0;
    P->p++; /* [ or { */
    jws(P);
    char close = object ? '}' : ']';
    if (P->p < P->end && *P->p == close) {
        P->p++;
        P->depth--;
        return v;
    }
    for (;;) {
        char *key = NULL;
        jws(P);
        if (object) {
            if (P->p >= P->end || *P->p != '"') {
                jfail(P, "object key (a string) expected");
                return NULL;
            }
            size_t klen;
            key = jstring(P, &klen);
            if (!key) return NULL;
            jws(P);
            if (P->p >= P->end || *P->p != ':') {
                jfail(P, "':' expected after object key");
                return NULL;
            }
            P->p++;
        }
        ar_json *item = jvalue(P);
        if (!item) return NULL;
        if (v->n == cap) {
            cap = cap ? cap * 2 : 4;
            v->u.c.items = ar_realloc(v->u.c.items, cap * sizeof(ar_json *));
            if (object) v->u.c.keys = ar_realloc(v->u.c.keys, cap * sizeof(char *));
        }
        v->u.c.items[v->n] = item;
        if (object) v->u.c.keys[v->n] = key;
        v->n++;
        jws(P);
        if (P->p < P->end && *P->p == ',') {
            P->p++;
            continue;
        }
        if (P->p < P->end && *P->p == close) {
            P->p++;
            break;
        }
        jfail(P, object ? "',' or '}' expected" : "',' or ']' expected");
        return NULL;
    }
    P->depth--;
    return v;
}

static ar_json *jvalue(jparser *P) {
    jws(P);
    if (P->p >= P->end) {
        jfail(P, "value expected");
        return NULL;
    }
    ar_json *v;
    switch (*P->p) {
    case '{': return jcontainer(P, true);
    case '[': return jcontainer(P, false);
    case '"': {
        size_t n;
        char *s = jstring(P, &n);
        if (!s) return NULL;
        v = jnew(AR_JSON_STRING);
        v->u.s = s;
        v->n = n;
        return v;
    }
    case 't':
        if (!jliteral(P, "true")) return NULL;
        v = jnew(AR_JSON_BOOL);
        v->u.b = true;
        return v;
    case 'f':
        if (!jliteral(P, "false")) return NULL;
        v = jnew(AR_JSON_BOOL);
        v->u.b = false;
        return v;
    case 'n':
        if (!jliteral(P, "null")) return NULL;
        return jnew(AR_JSON_NULL);
    default:
        if (*P->p == '-' || (*P->p >= '0' && *P->p <= '9')) return jnumber(P);
        jfail(P, "unexpected character");
        return NULL;
    }
}

/*
 * Nodes of a document that fails to parse are not freed: a plugin parses a handful of documents and
 * exits, and the failure path is the rare one. Keeping it simple keeps it safe.
 */
ar_json *ar_json_parse(const char *text, size_t len, char *err, size_t err_size) {
    jparser P = {(const unsigned char *)text, (const unsigned char *)text, (const unsigned char *)text + len,
                 0, err, err_size, false};
    if (err && err_size) err[0] = 0;
    if (!text) {
        P.end = P.start;
        jfail(&P, "no input");
        return NULL;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) P.p += 3; /* tolerate a UTF-8 BOM */
    ar_json *v = jvalue(&P);
    if (!v) {
        if (!P.failed) jfail(&P, "invalid JSON");
        return NULL;
    }
    jws(&P);
    if (P.p != P.end) {
        jfail(&P, "unexpected content after the JSON document");
        return NULL;
    }
    return v;
}

ar_json_type ar_json_typeof(const ar_json *v) { return v ? v->type : AR_JSON_NULL; }

const char *ar_json_type_name(ar_json_type t) {
    switch (t) {
    case AR_JSON_NULL: return "null";
    case AR_JSON_BOOL: return "a boolean";
    case AR_JSON_NUMBER: return "a number";
    case AR_JSON_STRING: return "a string";
    case AR_JSON_ARRAY: return "an array";
    case AR_JSON_OBJECT: return "an object";
    }
    return "?";
}

const ar_json *ar_json_get(const ar_json *o, const char *key) {
    if (!o || o->type != AR_JSON_OBJECT || !key) return NULL;
    for (size_t i = o->n; i-- > 0;)
        if (strcmp(o->u.c.keys[i], key) == 0) return o->u.c.items[i];
    return NULL;
}

size_t ar_json_size(const ar_json *v) {
    return v && (v->type == AR_JSON_ARRAY || v->type == AR_JSON_OBJECT) ? v->n : 0;
}

const ar_json *ar_json_at(const ar_json *v, size_t i) {
    if (!v || (v->type != AR_JSON_ARRAY && v->type != AR_JSON_OBJECT) || i >= v->n) return NULL;
    return v->u.c.items[i];
}

const char *ar_json_key_at(const ar_json *v, size_t i) {
    if (!v || v->type != AR_JSON_OBJECT || i >= v->n) return NULL;
    return v->u.c.keys[i];
}

const char *ar_json_string(const ar_json *v) { return v && v->type == AR_JSON_STRING ? v->u.s : NULL; }

size_t ar_json_string_len(const ar_json *v) { return v && v->type == AR_JSON_STRING ? v->n : 0; }

bool ar_json_bool(const ar_json *v, bool *out) {
    if (!v || v->type != AR_JSON_BOOL) return false;
    *out = v->u.b;
    return true;
}

bool ar_json_number(const ar_json *v, double *out) {
    if (!v || v->type != AR_JSON_NUMBER) return false;
    *out = v->u.num.d;
    return true;
}

bool ar_json_int(const ar_json *v, long long *out) {
    if (!v || v->type != AR_JSON_NUMBER) return false;
    const char *raw = v->u.num.raw;
    if (!strpbrk(raw, ".eE")) {
        errno = 0;
        char *end;
        long long x = strtoll(raw, &end, 10);
        if (errno == ERANGE || *end) return false;
        *out = x;
        return true;
    }
    double d = v->u.num.d;
    /* 2^63 is exactly representable; anything at or beyond it does not fit. */
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) || d != (double)(long long)d) return false;
    *out = (long long)d;
    return true;
}

static void dump(sbuf *b, const ar_json *v) {
    switch (ar_json_typeof(v)) {
    case AR_JSON_NULL: sb_puts(b, "null"); break;
    case AR_JSON_BOOL: sb_puts(b, v->u.b ? "true" : "false"); break;
    case AR_JSON_NUMBER: sb_puts(b, v->u.num.raw); break;
    case AR_JSON_STRING: sb_json_stringn(b, v->u.s, v->n); break;
    case AR_JSON_ARRAY:
    case AR_JSON_OBJECT:
        sb_putc(b, v->type == AR_JSON_ARRAY ? '[' : '{');
        for (size_t i = 0; i < v->n; i++) {
            if (i) sb_putc(b, ',');
            if (v->type == AR_JSON_OBJECT) {
                sb_json_string(b, v->u.c.keys[i]);
                sb_putc(b, ':');
            }
            dump(b, v->u.c.items[i]);
        }
        sb_putc(b, v->type == AR_JSON_ARRAY ? ']' : '}');
        break;
    }
}

char *ar_json_dump(const ar_json *v) {
    sbuf b = {0};
    dump(&b, v);
    return b.p;
}

/* ================================================================================================
 * MD5 (for name-based uuids only), SHA-256, base64
 * ============================================================================================== */

static void md5(const uint8_t *msg, size_t len, uint8_t out[16]) {
    static const uint32_t K[64] = {
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
        0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
        0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
        0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
        0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
        0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
        0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
    static const uint8_t R[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                  5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                                  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                  6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
    uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    size_t total = ((len + 8) / 64 + 1) * 64;
    uint8_t *m = ar_alloc(total);
    memset(m, 0, total);
    memcpy(m, msg, len);
    m[len] = 0x80;
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++) m[total - 8 + i] = (uint8_t)(bits >> (8 * i));
    for (size_t off = 0; off < total; off += 64) {
        uint32_t w[16];
        for (int i = 0; i < 16; i++)
            w[i] = (uint32_t)m[off + 4 * i] | (uint32_t)m[off + 4 * i + 1] << 8 |
                   (uint32_t)m[off + 4 * i + 2] << 16 | (uint32_t)m[off + 4 * i + 3] << 24;
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
        for (int i = 0; i < 64; i++) {
            uint32_t f;
            int g;
            if (i < 16) {
                f = (b & c) | (~b & d);
                g = i;
            } else if (i < 32) {
                f = (d & b) | (~d & c);
                g = (5 * i + 1) % 16;
            } else if (i < 48) {
                f = b ^ c ^ d;
                g = (3 * i + 5) % 16;
            } else {
                f = c ^ (b | ~d);
                g = (7 * i) % 16;
            }
            uint32_t t = d;
            d = c;
            c = b;
            uint32_t x = a + f + K[i] + w[g];
            b = b + ((x << R[i]) | (x >> (32 - R[i])));
            a = t;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
    }
    free(m);
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) out[4 * i + j] = (uint8_t)(h[i] >> (8 * j));
}

static const char HEX[] = "0123456789abcdef";

char *ar_uuid_from_name(const void *name, size_t len) {
    uint8_t d[16];
    md5(name, len, d);
    d[6] = (uint8_t)((d[6] & 0x0f) | 0x30); /* version 3 */
    d[8] = (uint8_t)((d[8] & 0x3f) | 0x80); /* IETF variant */
    char *s = ar_alloc(37);
    char *p = s;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) *p++ = '-';
        *p++ = HEX[d[i] >> 4];
        *p++ = HEX[d[i] & 15];
    }
    *p = 0;
    return s;
}

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

void ar_sha256(const void *data, size_t len, uint8_t out[32]) {
    static const uint32_t K[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    const uint8_t *msg = data;
    uint64_t bits = (uint64_t)len * 8;
    size_t full = len / 64;
    uint8_t tail[128];
    size_t rest = len - full * 64;
    memset(tail, 0, sizeof tail);
    if (rest) memcpy(tail, msg + full * 64, rest);
    tail[rest] = 0x80;
    size_t tail_blocks = rest + 9 <= 64 ? 1 : 2;
    for (int i = 0; i < 8; i++) tail[tail_blocks * 64 - 1 - i] = (uint8_t)(bits >> (8 * i));
    for (size_t blk = 0; blk < full + tail_blocks; blk++) {
        const uint8_t *p = blk < full ? msg + blk * 64 : tail + (blk - full) * 64;
        uint32_t w[64];
        for (int i = 0; i < 16; i++)
            w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 |
                   (uint32_t)p[4 * i + 3];
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 64; i++) {
            uint32_t S1 = ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25);
            uint32_t ch = (e & f) ^ (~e & g);
            uint32_t t1 = hh + S1 + ch + K[i] + w[i];
            uint32_t S0 = ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22);
            uint32_t mj = (a & b) ^ (a & c) ^ (b & c);
            uint32_t t2 = S0 + mj;
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++) out[4 * i + j] = (uint8_t)(h[i] >> (24 - 8 * j));
}

char *ar_sha256_hex(const void *data, size_t len) {
    uint8_t d[32];
    ar_sha256(data, len, d);
    char *s = ar_alloc(65);
    for (int i = 0; i < 32; i++) {
        s[2 * i] = HEX[d[i] >> 4];
        s[2 * i + 1] = HEX[d[i] & 15];
    }
    s[64] = 0;
    return s;
}

uint8_t *ar_base64_decode(const char *text, size_t len, size_t *out_len) {
    uint8_t *out = ar_alloc(len / 4 * 3 + 3);
    size_t n = 0, pad = 0;
    uint32_t acc = 0;
    int bits = 0, count = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        int v;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        if (c == '=') {
            pad++;
            continue;
        }
        if (pad) goto bad; /* data after padding */
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
        else if (c >= '0' && c <= '9') v = c - '0' + 52;
        else if (c == '+') v = 62;
        else if (c == '/') v = 63;
        else goto bad;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        count++;
        if (bits >= 8) {
            bits -= 8;
            out[n++] = (uint8_t)(acc >> bits);
        }
    }
    if (count % 4 == 1 || pad > 2 || (pad && (count + pad) % 4 != 0)) goto bad;
    *out_len = n;
    return out;
bad:
    free(out);
    return NULL;
}

/* ================================================================================================
 * Time
 * ============================================================================================== */

long long ar_now(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0) return -1;
    return (long long)ts.tv_sec;
}

char *ar_iso8601(long long t) {
    long long days = t / 86400, secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        days--;
    }
    /* civil_from_days (H. Hinnant) */
    long long z = days + 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long y = yoe + era * 400;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    long long d = doy - (153 * mp + 2) / 5 + 1;
    long long m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) y++;
    return ar_fmt("%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", y, m, d, secs / 3600, secs / 60 % 60, secs % 60);
}

/* ================================================================================================
 * Files
 * ============================================================================================== */

char *ar_read_file(const char *path, size_t max_bytes, size_t *len) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return NULL;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        errno = EISDIR;
        return NULL;
    }
    sbuf b = {0};
    sb_reserve(&b, 0);
    for (;;) {
        if (b.n > max_bytes) {
            free(b.p);
            close(fd);
            errno = EFBIG;
            return NULL;
        }
        sb_reserve(&b, 65536);
        ssize_t r = read(fd, b.p + b.n, 65536);
        if (r < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            free(b.p);
            close(fd);
            errno = e;
            return NULL;
        }
        if (r == 0) break;
        b.n += (size_t)r;
    }
    close(fd);
    if (b.n > max_bytes) {
        free(b.p);
        errno = EFBIG;
        return NULL;
    }
    b.p[b.n] = 0;
    if (len) *len = b.n;
    return b.p;
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join_path(const char *dir, const char *name) {
    size_t n = strlen(dir);
    return n && dir[n - 1] == '/' ? ar_fmt("%s%s", dir, name) : ar_fmt("%s/%s", dir, name);
}

static int walk(const char *dir, int depth, int max_depth, ar_walk_fn visit, void *user, bool *stop) {
    DIR *d = opendir(dir);
    if (!d) {
        ar_log(AR_WARN, "cannot read directory %s: %s", dir, strerror(errno));
        return 1;
    }
    vec names = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        vec_push(&names, ar_strdup(e->d_name));
    }
    closedir(d);
    qsort(names.items, names.n, sizeof(void *), cmp_names);
    int errors = 0;
    for (size_t i = 0; i < names.n && !*stop; i++) {
        char *name = names.items[i];
        char *path = join_path(dir, name);
        struct stat st;
        ar_entry_type t = AR_ENTRY_OTHER;
        if (lstat(path, &st) == 0) {
            if (S_ISREG(st.st_mode)) t = AR_ENTRY_FILE;
            else if (S_ISDIR(st.st_mode)) t = AR_ENTRY_DIR;
            else if (S_ISLNK(st.st_mode)) t = AR_ENTRY_SYMLINK;
        }
        if (!visit(path, name, t, depth, user)) {
            *stop = true;
        } else if (t == AR_ENTRY_DIR && depth < max_depth) {
            errors += walk(path, depth + 1, max_depth, visit, user, stop);
        }
        free(path);
        free(name);
    }
    free(names.items);
    return errors;
}

int ar_walk(const char *root, int max_depth, ar_walk_fn visit, void *user) {
    if (max_depth < 1) max_depth = 1;
    if (max_depth > 64) max_depth = 64;
    bool stop = false;
    int errors = walk(root, 1, max_depth, visit, user, &stop);
    return stop ? -1 : errors;
}

/* ================================================================================================
 * Run context and output model
 * ============================================================================================== */

typedef struct {
    char *name, *value;
} prop;

typedef struct {
    prop *items;
    size_t n, cap;
} props;

struct ar_subject {
    char *uuid, *type, *identifier, *title;
    props props;
};

typedef struct {
    char *href, *description;
} evidence;

struct ar_observation {
    char *uuid, *title, *description;
    ar_method methods[4];
    int nmethods;
    vec subjects, evidence;
    props props;
    long long collected;
};

struct ar_finding {
    char *uuid, *target_id, *title, *description;
    ar_state state;
    vec observations, risks;
};

struct ar_risk {
    char *uuid, *title, *description, *statement;
    ar_risk_status status;
    vec observations;
};

typedef struct {
    ar_level level;
    char *message;
    long long time;
} log_entry;

static struct {
    bool initialized, finished;
    int abi;
    const char *run_id, *job_id, *task_id, *activity_id, *plan_id, *component_id, *control_id;
    const ar_json *config, *target, *facts;
    const char *target_id, *target_type, *target_title;
    bool status_set;
    ar_status status;
    char *reason, *title;
    vec subjects, observations, findings, risks, logs;
    unsigned long seq;
} G;

static const ar_json EMPTY_OBJECT = {AR_JSON_OBJECT, 0, {0}};

static void need_init(const char *fn) {
    if (!G.initialized) die(AR_EXIT_INTERNAL, "%s() called before ar_init()", fn);
    if (G.finished) die(AR_EXIT_INTERNAL, "%s() called after the output was written", fn);
}

AR_NORETURN AR_PRINTF(1, 2) static void bad_input(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *m = ar_vfmt(fmt, ap);
    va_end(ap);
    die(AR_EXIT_BAD_INPUT, "stdin is not a valid ABI v%d job context: %s", AR_ABI_VERSION, m);
}

static const char *ctx_string(const ar_json *doc, const char *key, bool required) {
    const ar_json *v = ar_json_get(doc, key);
    if (!v || v->type == AR_JSON_NULL) {
        if (required) bad_input("'%s' is required", key);
        return "";
    }
    if (v->type != AR_JSON_STRING) bad_input("'%s' must be a string, got %s", key, ar_json_type_name(v->type));
    if (required && is_blank(v->u.s)) bad_input("'%s' must not be blank", key);
    return v->u.s;
}

static bool is_uuid(const char *s) {
    if (strlen(s) != 36) return false;
    for (int i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-') return false;
        } else if (hexval((unsigned char)s[i]) < 0) {
            return false;
        }
    }
    return true;
}

void ar_init(void) {
    if (G.initialized) die(AR_EXIT_INTERNAL, "ar_init() called twice");
    sbuf in = {0};
    sb_reserve(&in, 0);
    for (;;) {
        sb_reserve(&in, 65536);
        size_t r = fread(in.p + in.n, 1, 65536, stdin);
        in.n += r;
        if (r == 0) {
            if (ferror(stdin)) die(AR_EXIT_BAD_INPUT, "cannot read stdin: %s", strerror(errno));
            break;
        }
    }
    char err[200];
    ar_json *doc = ar_json_parse(in.p, in.n, err, sizeof err);
    free(in.p);
    if (!doc) bad_input("invalid JSON: %s", err);
    if (doc->type != AR_JSON_OBJECT) bad_input("the document must be a JSON object, got %s", ar_json_type_name(doc->type));

    long long abi;
    const ar_json *abi_v = ar_json_get(doc, "abiVersion");
    if (!abi_v) bad_input("'abiVersion' is required");
    if (!ar_json_int(abi_v, &abi)) bad_input("'abiVersion' must be an integer");
    if (abi != AR_ABI_VERSION) bad_input("this plugin speaks ABI version %d, the context has abiVersion %lld", AR_ABI_VERSION, abi);
    G.abi = (int)abi;

    G.run_id = ctx_string(doc, "runId", true);
    if (!is_uuid(G.run_id)) bad_input("'runId' must be a uuid, got '%s'", G.run_id);
    G.job_id = ctx_string(doc, "jobId", true);
    G.task_id = ctx_string(doc, "taskId", true);
    G.activity_id = ctx_string(doc, "activityId", true);
    G.plan_id = ctx_string(doc, "planId", false);
    G.component_id = ctx_string(doc, "componentId", false);
    G.control_id = ctx_string(doc, "controlId", false);

    const ar_json *cfg = ar_json_get(doc, "configuration");
    if (!cfg || cfg->type == AR_JSON_NULL) cfg = &EMPTY_OBJECT;
    if (cfg->type != AR_JSON_OBJECT) bad_input("'configuration' must be an object, got %s", ar_json_type_name(cfg->type));
    G.config = cfg;

    G.target_id = G.target_type = G.target_title = "";
    const ar_json *t = ar_json_get(doc, "target");
    if (t && t->type != AR_JSON_NULL) {
        if (t->type != AR_JSON_OBJECT) bad_input("'target' must be an object, got %s", ar_json_type_name(t->type));
        G.target = t;
        G.target_id = ctx_string(t, "id", true);
        G.target_type = ctx_string(t, "type", true);
        G.target_title = ctx_string(t, "title", false);
        const ar_json *f = ar_json_get(t, "facts");
        if (f && f->type != AR_JSON_NULL) {
            if (f->type != AR_JSON_OBJECT) bad_input("'target.facts' must be an object");
            for (size_t i = 0; i < f->n; i++)
                if (f->u.c.items[i]->type != AR_JSON_STRING)
                    bad_input("'target.facts.%s' must be a string", f->u.c.keys[i]);
            G.facts = f;
        }
    }
    G.initialized = true;
}

int ar_abi_version(void) { need_init(__func__); return G.abi; }
const char *ar_run_id(void) { need_init(__func__); return G.run_id; }
const char *ar_job_id(void) { need_init(__func__); return G.job_id; }
const char *ar_task_id(void) { need_init(__func__); return G.task_id; }
const char *ar_activity_id(void) { need_init(__func__); return G.activity_id; }
const char *ar_plan_id(void) { need_init(__func__); return G.plan_id; }
const char *ar_component_id(void) { need_init(__func__); return G.component_id; }
const char *ar_control_id(void) { need_init(__func__); return G.control_id; }
bool ar_has_target(void) { need_init(__func__); return G.target != NULL; }
const char *ar_target_id(void) { need_init(__func__); return G.target_id; }
const char *ar_target_type(void) { need_init(__func__); return G.target_type; }
const char *ar_target_title(void) { need_init(__func__); return G.target_title; }

const char *ar_target_fact(const char *name) {
    need_init(__func__);
    return ar_json_string(ar_json_get(G.facts, name));
}

/* ---- configuration ---- */

const ar_json *ar_config(void) {
    need_init(__func__);
    return G.config;
}

static const ar_json *config_value(const char *key) {
    need_init("ar_config_*");
    const ar_json *v = ar_json_get(G.config, key);
    return v && v->type != AR_JSON_NULL ? v : NULL;
}

AR_NORETURN static void config_type_error(const char *key, const char *expected, const ar_json *v) {
    ar_error("configuration '%s' must be %s, got %s", key, expected, ar_json_type_name(v->type));
}

const char *ar_config_string(const char *key, const char *def) {
    const ar_json *v = config_value(key);
    if (!v) return def;
    if (v->type != AR_JSON_STRING) config_type_error(key, "a string", v);
    return v->u.s;
}

long long ar_config_int(const char *key, long long def) {
    const ar_json *v = config_value(key);
    long long x;
    if (!v) return def;
    if (!ar_json_int(v, &x)) config_type_error(key, "an integer", v);
    return x;
}

double ar_config_number(const char *key, double def) {
    const ar_json *v = config_value(key);
    if (!v) return def;
    if (v->type != AR_JSON_NUMBER) config_type_error(key, "a number", v);
    return v->u.num.d;
}

bool ar_config_bool(const char *key, bool def) {
    const ar_json *v = config_value(key);
    if (!v) return def;
    if (v->type != AR_JSON_BOOL) config_type_error(key, "a boolean", v);
    return v->u.b;
}

const char *const *ar_config_strings(const char *key, const char *const *def) {
    static const char *const none[] = {NULL};
    const ar_json *v = config_value(key);
    if (!v) return def ? def : none;
    if (v->type != AR_JSON_ARRAY) config_type_error(key, "an array of strings", v);
    const char **out = ar_alloc((v->n + 1) * sizeof *out);
    for (size_t i = 0; i < v->n; i++) {
        const ar_json *e = v->u.c.items[i];
        if (e->type != AR_JSON_STRING)
            ar_error("configuration '%s[%zu]' must be a string, got %s", key, i, ar_json_type_name(e->type));
        out[i] = e->u.s;
    }
    out[v->n] = NULL;
    return out;
}

/* ---- output model ---- */

static void misuse(const char *fn, const char *what) { die(AR_EXIT_INTERNAL, "%s(): %s", fn, what); }

static char *text_required(const char *fn, const char *field, const char *s) {
    if (is_blank(s)) die(AR_EXIT_INTERNAL, "%s(): %s must not be blank", fn, field);
    return ar_strdup(s);
}

static char *next_uuid(const char *kind) {
    char *name = ar_fmt("%s:%s:%lu", G.run_id, kind, ++G.seq);
    char *u = ar_uuid_from_name(name, strlen(name));
    free(name);
    return u;
}

static void props_set(props *ps, const char *name, const char *value) {
    if (!name || !*name) die(AR_EXIT_INTERNAL, "a prop needs a name");
    for (size_t i = 0; i < ps->n; i++) {
        if (strcmp(ps->items[i].name, name) == 0) {
            ps->items[i].value = ar_strdup(value);
            return;
        }
    }
    if (ps->n == ps->cap) {
        ps->cap = ps->cap ? ps->cap * 2 : 4;
        ps->items = ar_realloc(ps->items, ps->cap * sizeof *ps->items);
    }
    ps->items[ps->n].name = ar_strdup(name);
    ps->items[ps->n].value = ar_strdup(value);
    ps->n++;
}

ar_subject *ar_subject_add(const char *type, const char *identifier, const char *title) {
    need_init(__func__);
    if (is_blank(type)) misuse(__func__, "type must not be blank");
    if (is_blank(identifier)) misuse(__func__, "identifier must not be blank");
    for (size_t i = 0; i < G.subjects.n; i++) {
        ar_subject *s = G.subjects.items[i];
        char *t = utf8_clean(type), *id = utf8_clean(identifier);
        bool same = strcmp(s->type, t) == 0 && strcmp(s->identifier, id) == 0;
        free(t);
        free(id);
        if (same) return s;
    }
    ar_subject *s = ar_alloc(sizeof *s);
    memset(s, 0, sizeof *s);
    s->type = utf8_clean(type);
    s->identifier = utf8_clean(identifier);
    s->title = ar_strdup(title);
    /* As org.assessmentruntime.api.model.Subject derives it, from the text Java will read. */
    char *key = ar_fmt("subject:%s:%s", s->type, s->identifier);
    s->uuid = ar_uuid_from_name(key, strlen(key));
    free(key);
    vec_push(&G.subjects, s);
    return s;
}

void ar_subject_prop(ar_subject *s, const char *name, const char *value) {
    need_init(__func__);
    if (!s) misuse(__func__, "subject is NULL");
    props_set(&s->props, name, value);
}

ar_observation *ar_observation_add(const char *title, const char *description) {
    need_init(__func__);
    ar_observation *o = ar_alloc(sizeof *o);
    memset(o, 0, sizeof *o);
    o->title = text_required(__func__, "title", title);
    o->description = is_blank(description) ? ar_strdup(title) : ar_strdup(description);
    o->uuid = next_uuid("observation");
    o->collected = ar_now();
    vec_push(&G.observations, o);
    return o;
}

void ar_observation_method(ar_observation *o, ar_method method) {
    need_init(__func__);
    if (!o) misuse(__func__, "observation is NULL");
    if (method < AR_EXAMINE || method > AR_UNKNOWN) misuse(__func__, "unknown method");
    for (int i = 0; i < o->nmethods; i++)
        if (o->methods[i] == method) return;
    o->methods[o->nmethods++] = method;
}

void ar_observation_subject(ar_observation *o, const ar_subject *s) {
    need_init(__func__);
    if (!o || !s) misuse(__func__, "observation or subject is NULL");
    vec_push_unique(&o->subjects, (void *)s);
}

void ar_observation_prop(ar_observation *o, const char *name, const char *value) {
    need_init(__func__);
    if (!o) misuse(__func__, "observation is NULL");
    props_set(&o->props, name, value);
}

void ar_observation_propf(ar_observation *o, const char *name, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *v = ar_vfmt(fmt, ap);
    va_end(ap);
    ar_observation_prop(o, name, v);
    free(v);
}

void ar_observation_evidence(ar_observation *o, const char *href, const char *description) {
    need_init(__func__);
    if (!o) misuse(__func__, "observation is NULL");
    evidence *e = ar_alloc(sizeof *e);
    e->href = ar_strdup(href);
    e->description = text_required(__func__, "description", description);
    vec_push(&o->evidence, e);
}

ar_finding *ar_finding_add(const char *target_id, ar_state state, const char *title, const char *description) {
    need_init(__func__);
    if (state != AR_SATISFIED && state != AR_NOT_SATISFIED) misuse(__func__, "unknown state");
    ar_finding *f = ar_alloc(sizeof *f);
    memset(f, 0, sizeof *f);
    f->target_id = ar_strdup(target_id);
    f->state = state;
    f->title = text_required(__func__, "title", title);
    f->description = is_blank(description) ? ar_strdup(title) : ar_strdup(description);
    f->uuid = next_uuid("finding");
    vec_push(&G.findings, f);
    return f;
}

void ar_finding_observation(ar_finding *f, const ar_observation *o) {
    need_init(__func__);
    if (!f || !o) misuse(__func__, "finding or observation is NULL");
    vec_push_unique(&f->observations, (void *)o);
}

void ar_finding_risk(ar_finding *f, const ar_risk *r) {
    need_init(__func__);
    if (!f || !r) misuse(__func__, "finding or risk is NULL");
    vec_push_unique(&f->risks, (void *)r);
}

ar_risk *ar_risk_add(const char *title, const char *description, const char *statement) {
    need_init(__func__);
    ar_risk *r = ar_alloc(sizeof *r);
    memset(r, 0, sizeof *r);
    r->title = text_required(__func__, "title", title);
    r->description = is_blank(description) ? ar_strdup(title) : ar_strdup(description);
    r->statement = is_blank(statement) ? ar_strdup(r->description) : ar_strdup(statement);
    r->status = AR_RISK_OPEN;
    r->uuid = next_uuid("risk");
    vec_push(&G.risks, r);
    return r;
}

void ar_risk_observation(ar_risk *r, const ar_observation *o) {
    need_init(__func__);
    if (!r || !o) misuse(__func__, "risk or observation is NULL");
    vec_push_unique(&r->observations, (void *)o);
}

void ar_risk_set_status(ar_risk *r, ar_risk_status status) {
    need_init(__func__);
    if (!r) misuse(__func__, "risk is NULL");
    if (status < AR_RISK_OPEN || status > AR_RISK_CLOSED) misuse(__func__, "unknown status");
    r->status = status;
}

ar_risk *ar_finding_raise_risk(ar_finding *f, const char *title, const char *description, const char *statement) {
    if (!f) misuse(__func__, "finding is NULL");
    ar_risk *r = ar_risk_add(title, description, statement);
    for (size_t i = 0; i < f->observations.n; i++) ar_risk_observation(r, f->observations.items[i]);
    ar_finding_risk(f, r);
    return r;
}

void ar_vlog(ar_level level, const char *fmt, va_list ap) {
    need_init(__func__);
    if (level < AR_DEBUG || level > AR_ERR) level = AR_INFO;
    log_entry *l = ar_alloc(sizeof *l);
    l->level = level;
    l->message = ar_vfmt(fmt, ap);
    l->time = ar_now();
    vec_push(&G.logs, l);
}

void ar_log(ar_level level, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    ar_vlog(level, fmt, ap);
    va_end(ap);
}

void ar_set_title(const char *title) {
    need_init(__func__);
    G.title = ar_strdup(title);
}

void ar_set_status(ar_status status, const char *reason) {
    need_init(__func__);
    if (status < AR_PASS || status > AR_NOT_APPLICABLE) misuse(__func__, "unknown status");
    G.status_set = true;
    G.status = status;
    G.reason = ar_strdup(reason);
}

/* ---- writer ---- */

static void w_key(sbuf *b, bool *first, const char *key) {
    if (!*first) sb_putc(b, ',');
    *first = false;
    sb_json_string(b, key);
    sb_putc(b, ':');
}

static void w_str(sbuf *b, bool *first, const char *key, const char *value) {
    if (!value || !*value) return; /* empty strings are left out, as the runtime writes them */
    w_key(b, first, key);
    sb_json_string(b, value);
}

static void w_uuids(sbuf *b, bool *first, const char *key, const vec *v, size_t uuid_offset) {
    if (!v->n) return;
    w_key(b, first, key);
    sb_putc(b, '[');
    for (size_t i = 0; i < v->n; i++) {
        if (i) sb_putc(b, ',');
        sb_json_string(b, *(char **)((char *)v->items[i] + uuid_offset));
    }
    sb_putc(b, ']');
}

static void w_props(sbuf *b, bool *first, const props *ps) {
    if (!ps->n) return;
    w_key(b, first, "props");
    sb_putc(b, '{');
    for (size_t i = 0; i < ps->n; i++) {
        if (i) sb_putc(b, ',');
        sb_json_string(b, ps->items[i].name);
        sb_putc(b, ':');
        sb_json_string(b, ps->items[i].value);
    }
    sb_putc(b, '}');
}

static void w_time(sbuf *b, bool *first, const char *key, long long t) {
    if (t < 0) return;
    char *s = ar_iso8601(t);
    w_str(b, first, key, s);
    free(s);
}

static const char *const STATUS[] = {"PASS", "FAIL", "ERROR", "NOT_APPLICABLE"};
static const char *const METHOD[] = {"EXAMINE", "INTERVIEW", "TEST", "UNKNOWN"};
static const char *const STATE[] = {"satisfied", "not-satisfied"};
static const char *const LEVEL[] = {"DEBUG", "INFO", "WARN", "ERROR"};
static const char *const RISK_STATUS[] = {"open", "investigating", "remediating",
                                          "deviation-requested", "deviation-approved", "closed"};

static void write_output(void) {
    if (G.finished) die(AR_EXIT_INTERNAL, "the output was already written");
    G.finished = true;
    ar_status status = G.status;
    const char *reason = G.reason;
    size_t failed = 0;
    for (size_t i = 0; i < G.findings.n; i++)
        if (((ar_finding *)G.findings.items[i])->state == AR_NOT_SATISFIED) failed++;
    if (!G.status_set) {
        status = failed ? AR_FAIL : AR_PASS;
        reason = failed ? ar_fmt("%zu of %zu findings not satisfied", failed, G.findings.n)
                        : G.findings.n ? ar_fmt("all %zu findings satisfied", G.findings.n)
                                       : "nothing to assess";
    }
    if (status == AR_ERROR && is_blank(reason)) reason = "the plugin could not assess its target";
    if (status == AR_NOT_APPLICABLE && is_blank(reason)) reason = "the control does not apply to this target";
    /* The runtime would reject the output (INVALID_OUTPUT); say what is wrong where it is wrong. */
    if (status == AR_NOT_APPLICABLE && failed)
        die(AR_EXIT_INTERNAL, "status NOT_APPLICABLE with %zu not-satisfied finding(s)", failed);

    sbuf b = {0};
    bool first = true;
    sb_putc(&b, '{');
    w_str(&b, &first, "status", STATUS[status]);
    w_str(&b, &first, "reason", reason);
    w_str(&b, &first, "title", G.title);

    if (G.observations.n) {
        w_key(&b, &first, "observations");
        sb_putc(&b, '[');
        for (size_t i = 0; i < G.observations.n; i++) {
            ar_observation *o = G.observations.items[i];
            bool f = true;
            if (i) sb_putc(&b, ',');
            sb_putc(&b, '{');
            w_str(&b, &f, "uuid", o->uuid);
            w_str(&b, &f, "title", o->title);
            w_str(&b, &f, "description", o->description);
            if (o->nmethods) {
                w_key(&b, &f, "methods");
                sb_putc(&b, '[');
                for (int m = 0; m < o->nmethods; m++) {
                    if (m) sb_putc(&b, ',');
                    sb_json_string(&b, METHOD[o->methods[m]]);
                }
                sb_putc(&b, ']');
            }
            w_uuids(&b, &f, "subjects", &o->subjects, offsetof(ar_subject, uuid));
            if (o->evidence.n) {
                w_key(&b, &f, "evidence");
                sb_putc(&b, '[');
                for (size_t e = 0; e < o->evidence.n; e++) {
                    evidence *ev = o->evidence.items[e];
                    bool g = true;
                    if (e) sb_putc(&b, ',');
                    sb_putc(&b, '{');
                    w_str(&b, &g, "href", ev->href);
                    w_str(&b, &g, "description", ev->description);
                    sb_putc(&b, '}');
                }
                sb_putc(&b, ']');
            }
            w_props(&b, &f, &o->props);
            w_time(&b, &f, "collected", o->collected);
            sb_putc(&b, '}');
        }
        sb_putc(&b, ']');
    }
    if (G.findings.n) {
        w_key(&b, &first, "findings");
        sb_putc(&b, '[');
        for (size_t i = 0; i < G.findings.n; i++) {
            ar_finding *fd = G.findings.items[i];
            bool f = true;
            if (i) sb_putc(&b, ',');
            sb_putc(&b, '{');
            w_str(&b, &f, "uuid", fd->uuid);
            w_str(&b, &f, "title", fd->title);
            w_str(&b, &f, "description", fd->description);
            w_str(&b, &f, "targetId", fd->target_id);
            w_str(&b, &f, "state", STATE[fd->state]);
            w_uuids(&b, &f, "relatedObservations", &fd->observations, offsetof(ar_observation, uuid));
            w_uuids(&b, &f, "relatedRisks", &fd->risks, offsetof(ar_risk, uuid));
            sb_putc(&b, '}');
        }
        sb_putc(&b, ']');
    }
    if (G.risks.n) {
        w_key(&b, &first, "risks");
        sb_putc(&b, '[');
        for (size_t i = 0; i < G.risks.n; i++) {
            ar_risk *r = G.risks.items[i];
            bool f = true;
            if (i) sb_putc(&b, ',');
            sb_putc(&b, '{');
            w_str(&b, &f, "uuid", r->uuid);
            w_str(&b, &f, "title", r->title);
            w_str(&b, &f, "description", r->description);
            w_str(&b, &f, "statement", r->statement);
            w_str(&b, &f, "status", RISK_STATUS[r->status]);
            w_uuids(&b, &f, "relatedObservations", &r->observations, offsetof(ar_observation, uuid));
            sb_putc(&b, '}');
        }
        sb_putc(&b, ']');
    }
    if (G.subjects.n) {
        w_key(&b, &first, "subjects");
        sb_putc(&b, '[');
        for (size_t i = 0; i < G.subjects.n; i++) {
            ar_subject *s = G.subjects.items[i];
            bool f = true;
            if (i) sb_putc(&b, ',');
            sb_putc(&b, '{');
            w_str(&b, &f, "uuid", s->uuid);
            w_str(&b, &f, "identifier", s->identifier);
            w_str(&b, &f, "type", s->type);
            w_str(&b, &f, "title", s->title);
            w_props(&b, &f, &s->props);
            sb_putc(&b, '}');
        }
        sb_putc(&b, ']');
    }
    if (G.logs.n) {
        w_key(&b, &first, "logs");
        sb_putc(&b, '[');
        for (size_t i = 0; i < G.logs.n; i++) {
            log_entry *l = G.logs.items[i];
            bool f = true;
            if (i) sb_putc(&b, ',');
            sb_putc(&b, '{');
            w_str(&b, &f, "level", LEVEL[l->level]);
            /* message is required even when empty */
            w_key(&b, &f, "message");
            sb_json_string(&b, l->message);
            w_time(&b, &f, "time", l->time);
            sb_putc(&b, '}');
        }
        sb_putc(&b, ']');
    }
    sb_puts(&b, "}\n");

    size_t off = 0;
    while (off < b.n) {
        size_t w = fwrite(b.p + off, 1, b.n - off, stdout);
        if (w == 0) die(AR_EXIT_INTERNAL, "cannot write the output to stdout: %s", strerror(errno));
        off += w;
    }
    if (fflush(stdout) != 0 || ferror(stdout))
        die(AR_EXIT_INTERNAL, "cannot write the output to stdout: %s", strerror(errno));
    free(b.p);
}

int ar_finish(void) {
    if (!G.initialized) die(AR_EXIT_INTERNAL, "ar_finish() called before ar_init()");
    write_output();
    return 0;
}

/* Ends the run with this verdict and reason: the output written, exit code 0. */
AR_NORETURN static void conclude(ar_status status, char *reason) {
    G.status_set = true;
    G.status = status;
    G.reason = reason;
    write_output();
    exit(0);
}

void ar_not_applicable(const char *fmt, ...) {
    need_init(__func__);
    va_list ap;
    va_start(ap, fmt);
    char *reason = ar_vfmt(fmt, ap);
    va_end(ap);
    ar_log(AR_INFO, "not applicable: %s", reason);
    conclude(AR_NOT_APPLICABLE, reason);
}

void ar_error(const char *fmt, ...) {
    need_init(__func__);
    va_list ap;
    va_start(ap, fmt);
    char *reason = ar_vfmt(fmt, ap);
    va_end(ap);
    ar_log(AR_ERR, "%s", reason);
    fprintf(stderr, "ERROR: %s\n", reason);
    fflush(stderr);
    conclude(AR_ERROR, reason);
}
