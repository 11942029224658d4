package org.assessmentruntime.camel.internal;

/**
 * Runs code with a given thread context class loader.
 *
 * <p>Camel and the libraries it drives (Jackson modules, HttpClient) look up resources and classes
 * through the thread context class loader. In OSGi that loader is whatever the calling thread
 * (SCR, the shell, a Karaf thread) happens to carry, so every call that makes Camel resolve something
 * runs with this bundle's class loader, which sees all the embedded META-INF/services files.
 */
final class ClassLoaders {

    /** A piece of work that may throw. */
    @FunctionalInterface
    interface Work<T> {
        /** Does the work. */
        T call() throws Exception;
    }

    private ClassLoaders() {
    }

    /** Runs {@code work} with {@code loader} as thread context class loader, then restores the previous one. */
    static <T> T withContextClassLoader(ClassLoader loader, Work<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
