/* The example of sdk-c/README.md, built and run by the tests (plugins/test/sdk.test.mjs). */
#include <errno.h>
#include <string.h>
#include "assessment.h"

/* CIS 1.7: the pre-login banner must not reveal the OS (getty's \m \r \s \v escapes). */
int main(void) {
    ar_init();
    const char *path = ar_config_string("banner", "/etc/issue");
    size_t len;
    char *text = ar_read_file(path, 65536, &len);
    if (!text) ar_error("cannot read %s: %s", path, strerror(errno));

    ar_observation *o = ar_observation_add("Login banner", ar_fmt("%s, %zu bytes", path, len));
    ar_observation_method(o, AR_EXAMINE);
    ar_observation_subject(o, ar_subject_add("resource", path, "login banner"));
    bool leaks = strstr(text, "\\m") || strstr(text, "\\r") || strstr(text, "\\s") || strstr(text, "\\v");
    ar_observation_prop(o, "revealsOs", leaks ? "true" : "false");

    ar_finding *f = ar_finding_add("banner-no-os-info", leaks ? AR_NOT_SATISFIED : AR_SATISFIED,
                                   leaks ? "The login banner reveals the OS" : "The login banner hides the OS",
                                   ar_fmt("%s %s \\m, \\r, \\s or \\v.", path, leaks ? "uses" : "does not use"));
    ar_finding_observation(f, o);
    if (leaks) ar_finding_raise_risk(f, "OS disclosed before login", "The banner tells attackers the OS and version.",
                                     "Impact: low. Likelihood: high.");
    return ar_finish(); /* FAIL when a finding is not satisfied, else PASS */
}
