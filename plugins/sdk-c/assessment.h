/*
 * Assessment Runtime plugin SDK for C (Plugin ABI v1).
 *
 * Build a plugin with Debian's clang 14 + wasi-libc:
 *
 *     clang --target=wasm32-wasi -O2 -I sdk-c plugin.c sdk-c/assessment.c -o plugin.wasm
 *
 * A plugin is a WASI preview1 command: main() calls ar_init(), reads its configuration, looks at the
 * directories it was granted, records subjects, observations, findings and risks, and returns
 * ar_finish(). The SDK reads the JobContext from stdin and writes the PluginOutput to stdout; see
 * ../ABI.md for the wire format it hides.
 *
 * Conventions:
 *  - Every string the SDK returns is owned by the SDK and lives until the process exits.
 *  - Every string passed in is copied; text is written out as UTF-8 with invalid bytes replaced by
 *    U+FFFD, so bytes read from arbitrary files are safe to report.
 *  - Errors the plugin cannot recover from are handled by the SDK, never by crashing:
 *      stdin is not a valid ABI v1 context     -> message on stderr, exit code AR_EXIT_BAD_INPUT (2)
 *      out of memory, stdout not writable,
 *      the SDK used wrongly (e.g. blank title) -> message on stderr, exit code AR_EXIT_INTERNAL (3)
 *      a configuration value of the wrong type -> status ERROR with a reason, exit code 0 (ar_error)
 */
#ifndef ASSESSMENT_H
#define ASSESSMENT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define AR_ABI_VERSION 1
#define AR_SDK_VERSION "1.0.0"

/** Exit codes of the SDK's own failures (the ABI only says: non-zero = plugin error). */
#define AR_EXIT_BAD_INPUT 2
#define AR_EXIT_INTERNAL 3

#if defined(__GNUC__) || defined(__clang__)
#define AR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define AR_NORETURN __attribute__((noreturn))
#else
#define AR_PRINTF(f, a)
#define AR_NORETURN
#endif

/* ------------------------------------------------------------------------------------------------
 * Run context (stdin)
 * ---------------------------------------------------------------------------------------------- */

/**
 * Reads and validates the JobContext on stdin. Call it first, once. On invalid input (not JSON,
 * wrong abiVersion, missing runId/jobId/taskId/activityId, configuration not an object) it writes
 * the reason to stderr and exits with AR_EXIT_BAD_INPUT.
 */
void ar_init(void);

int ar_abi_version(void);
const char *ar_run_id(void);       /* the run's uuid */
const char *ar_job_id(void);
const char *ar_task_id(void);
const char *ar_activity_id(void);
const char *ar_plan_id(void);      /* "" when none */
const char *ar_component_id(void); /* "" when none */
const char *ar_control_id(void);   /* "" when none */

/** Whether the context names a target; without one the plugin assesses the host it runs on. */
bool ar_has_target(void);
const char *ar_target_id(void);          /* "" without target */
const char *ar_target_type(void);        /* "" without target */
const char *ar_target_title(void);       /* "" when none */
const char *ar_target_fact(const char *name); /* NULL when absent */

/* ------------------------------------------------------------------------------------------------
 * Configuration (already validated by the runtime against plugin.json's configSchema)
 *
 * A key that is absent or JSON null gives the default. A key of the wrong type ends the run with
 * status ERROR ("configuration 'x' must be ..."), because a plugin must not guess.
 * ---------------------------------------------------------------------------------------------- */

typedef struct ar_json ar_json;

const ar_json *ar_config(void); /* the configuration object; an empty object when none */
const char *ar_config_string(const char *key, const char *def);
long long ar_config_int(const char *key, long long def);
double ar_config_number(const char *key, double def);
bool ar_config_bool(const char *key, bool def);
/**
 * An array of strings as a NULL-terminated array; def (NULL-terminated, may be NULL for "empty")
 * when absent. Use ar_count() for its length.
 */
const char *const *ar_config_strings(const char *key, const char *const *def);
size_t ar_count(const char *const *strings);

/* ------------------------------------------------------------------------------------------------
 * Results (stdout)
 * ---------------------------------------------------------------------------------------------- */

typedef enum { AR_PASS, AR_FAIL, AR_ERROR, AR_NOT_APPLICABLE } ar_status;
typedef enum { AR_SATISFIED, AR_NOT_SATISFIED } ar_state;
typedef enum { AR_EXAMINE, AR_INTERVIEW, AR_TEST, AR_UNKNOWN } ar_method;
typedef enum { AR_DEBUG, AR_INFO, AR_WARN, AR_ERR } ar_level;
typedef enum {
    AR_RISK_OPEN,
    AR_RISK_INVESTIGATING,
    AR_RISK_REMEDIATING,
    AR_RISK_DEVIATION_REQUESTED,
    AR_RISK_DEVIATION_APPROVED,
    AR_RISK_CLOSED
} ar_risk_status;

typedef struct ar_subject ar_subject;
typedef struct ar_observation ar_observation;
typedef struct ar_finding ar_finding;
typedef struct ar_risk ar_risk;

/**
 * Something looked at (a file, the OS, a service). type: OSCAL subject type where it fits
 * ("component", "inventory-item", "resource", ...). Adding the same type + identifier twice returns
 * the first subject. Its uuid is name-based on type and identifier, exactly as the runtime derives
 * it, so it is the same from run to run.
 */
ar_subject *ar_subject_add(const char *type, const char *identifier, const char *title);
void ar_subject_prop(ar_subject *s, const char *name, const char *value);

/** Something seen. title and description must not be blank. "collected" is set to now. */
ar_observation *ar_observation_add(const char *title, const char *description);
void ar_observation_method(ar_observation *o, ar_method method);
void ar_observation_subject(ar_observation *o, const ar_subject *s);
/** A fact (OSCAL prop); setting a name again replaces its value. */
void ar_observation_prop(ar_observation *o, const char *name, const char *value);
void ar_observation_propf(ar_observation *o, const char *name, const char *fmt, ...) AR_PRINTF(3, 4);
/** Evidence it rests on: href (a path, URL or digest; may be NULL) and what it shows. */
void ar_observation_evidence(ar_observation *o, const char *href, const char *description);

/**
 * A conclusion. target_id: the control or objective concluded on ("" or NULL = the job's control);
 * the example plugins put a stable check id there. title and description must not be blank.
 */
ar_finding *ar_finding_add(const char *target_id, ar_state state, const char *title,
                           const char *description);
void ar_finding_observation(ar_finding *f, const ar_observation *o);
void ar_finding_risk(ar_finding *f, const ar_risk *r);

/** A risk. title, description and statement (impact/likelihood) must not be blank. */
ar_risk *ar_risk_add(const char *title, const char *description, const char *statement);
void ar_risk_observation(ar_risk *r, const ar_observation *o);
void ar_risk_set_status(ar_risk *r, ar_risk_status status);
/** A risk raised by a finding: linked from the finding and to all of the finding's observations. */
ar_risk *ar_finding_raise_risk(ar_finding *f, const char *title, const char *description,
                               const char *statement);

/** A log line kept with the result (not written to stderr). */
void ar_log(ar_level level, const char *fmt, ...) AR_PRINTF(2, 3);
void ar_vlog(ar_level level, const char *fmt, va_list ap);

/** The result's title; the activity's title is used when never set. */
void ar_set_title(const char *title);
/**
 * Sets the verdict explicitly. Without it, ar_finish() reports FAIL when any finding is
 * not-satisfied and PASS otherwise.
 */
void ar_set_status(ar_status status, const char *reason);

/** Writes the output to stdout and returns 0, for `return ar_finish();` in main. */
int ar_finish(void);
/**
 * The plugin cannot assess its target: writes the output with status ERROR and the formatted
 * reason (also logged at ERROR, and on stderr), then exits 0 - the plugin did run.
 */
AR_NORETURN void ar_error(const char *fmt, ...) AR_PRINTF(1, 2);
/**
 * The control does not apply to the target (e.g. an SSH check on a host without an SSH server):
 * writes the output with status NOT_APPLICABLE and the formatted reason (also logged at INFO), then
 * exits 0. Findings recorded so far are kept, and must all be satisfied: a not-satisfied finding
 * contradicts "does not apply" (exit code 3).
 */
AR_NORETURN void ar_not_applicable(const char *fmt, ...) AR_PRINTF(1, 2);

/* ------------------------------------------------------------------------------------------------
 * JSON values (the context, the configuration, and JSON a plugin parses itself)
 * ---------------------------------------------------------------------------------------------- */

typedef enum {
    AR_JSON_NULL,
    AR_JSON_BOOL,
    AR_JSON_NUMBER,
    AR_JSON_STRING,
    AR_JSON_ARRAY,
    AR_JSON_OBJECT
} ar_json_type;

/**
 * Parses one JSON document (RFC 8259, UTF-8). Returns NULL and a message in err (if err_size > 0)
 * on malformed input, invalid UTF-8, nesting deeper than 128, or trailing garbage. Never crashes.
 */
ar_json *ar_json_parse(const char *text, size_t len, char *err, size_t err_size);
ar_json_type ar_json_typeof(const ar_json *v); /* AR_JSON_NULL for a NULL pointer */
const char *ar_json_type_name(ar_json_type type);
/** Object member by key (the last one when repeated), or NULL. */
const ar_json *ar_json_get(const ar_json *object, const char *key);
/** Number of array elements or object members; 0 for anything else. */
size_t ar_json_size(const ar_json *v);
const ar_json *ar_json_at(const ar_json *array_or_object, size_t index);
const char *ar_json_key_at(const ar_json *object, size_t index);
/** The string (NUL-terminated; \u0000 inside ends it early - see ar_json_string_len), or NULL. */
const char *ar_json_string(const ar_json *v);
size_t ar_json_string_len(const ar_json *v);
bool ar_json_bool(const ar_json *v, bool *out);
/** An integral number that fits in long long (1, -3, 4.0, 1e3); false otherwise. */
bool ar_json_int(const ar_json *v, long long *out);
bool ar_json_number(const ar_json *v, double *out);
/** Compact JSON text of a value (numbers as written in the input); NULL pointer gives "null". */
char *ar_json_dump(const ar_json *v);

/* ------------------------------------------------------------------------------------------------
 * Utilities plugins commonly need
 * ---------------------------------------------------------------------------------------------- */

/** A formatted string (vsnprintf) that lives until exit. Never NULL. */
char *ar_fmt(const char *fmt, ...) AR_PRINTF(1, 2);
char *ar_vfmt(const char *fmt, va_list ap);
char *ar_strdup(const char *s);
/** malloc that never returns NULL (exits AR_EXIT_INTERNAL instead). */
void *ar_alloc(size_t size);
void *ar_realloc(void *p, size_t size);

/**
 * Reads a whole file, NUL-terminated (*len excludes the NUL). Returns NULL with errno set on
 * failure; files larger than max_bytes give NULL with errno = EFBIG.
 */
char *ar_read_file(const char *path, size_t max_bytes, size_t *len);

typedef enum { AR_ENTRY_FILE, AR_ENTRY_DIR, AR_ENTRY_SYMLINK, AR_ENTRY_OTHER } ar_entry_type;
/**
 * Called for each entry below the root, in name order, depth first; return false to stop the walk.
 * depth is 1 for the root's children.
 */
typedef bool (*ar_walk_fn)(const char *path, const char *name, ar_entry_type type, int depth,
                           void *user);
/**
 * Walks a directory tree without following symbolic links, descending at most max_depth levels
 * (1 = only the root's entries). Directories that cannot be read are logged at WARN and skipped.
 * Returns the number of directories that could not be read (the root included), or -1 when the
 * visitor stopped the walk.
 */
int ar_walk(const char *root, int max_depth, ar_walk_fn visit, void *user);

/** SHA-256 of data as 64 lower-case hex digits. */
char *ar_sha256_hex(const void *data, size_t len);
void ar_sha256(const void *data, size_t len, uint8_t out[32]);
/**
 * Decodes base64 (standard alphabet, '=' padding optional, whitespace ignored). Returns a buffer of
 * *out_len bytes, or NULL on any other character or impossible length.
 */
uint8_t *ar_base64_decode(const char *text, size_t len, size_t *out_len);
/** Name-based (version 3, MD5) uuid of the bytes, as java.util.UUID.nameUUIDFromBytes. */
char *ar_uuid_from_name(const void *name, size_t len);
/** Seconds since the epoch as ISO-8601 UTC ("2026-01-31T12:00:00Z"). */
char *ar_iso8601(long long epoch_seconds);
/** Current time (WASI clock), seconds since the epoch; -1 when the clock is unavailable. */
long long ar_now(void);
/** Case-insensitive ASCII comparison, true when equal. */
bool ar_streq_ci(const char *a, const char *b);

#ifdef __cplusplus
}
#endif
#endif
