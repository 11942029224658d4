package org.assessmentruntime.http.internal;

import java.lang.annotation.Annotation;

/** {@link HttpConfig}s as DS would build them from a .cfg file. */
final class TestConfigs {

    private TestConfigs() {
    }

    static HttpConfig http(boolean allowRemote, String authentication) {
        return http(allowRemote, authentication, 100, 1000);
    }

    static HttpConfig http(boolean allowRemote, String authentication, int defaultLimit, int maxLimit) {
        return new HttpConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return HttpConfig.class;
            }

            @Override
            public boolean allowRemote() {
                return allowRemote;
            }

            @Override
            public String authentication() {
                return authentication;
            }

            @Override
            public String realm() {
                return "karaf";
            }

            @Override
            public String requiredRole() {
                return "viewer";
            }

            @Override
            public int defaultLimit() {
                return defaultLimit;
            }

            @Override
            public int maxLimit() {
                return maxLimit;
            }
        };
    }
}
