/**
 * Service interfaces of the Assessment Runtime's components, the exceptions they throw, the small
 * records they return, and the health and status types every component reports through. The domain
 * model they exchange is in {@link org.assessmentruntime.api.model}.
 *
 * <p>Failures follow one rule throughout: a plugin that fails is a result, never an exception (see
 * {@link org.assessmentruntime.api.model.FailureKind}); invalid arguments are
 * {@link java.lang.IllegalArgumentException}s; trouble the caller must handle (storage, network,
 * verification, credentials) is a checked {@link org.assessmentruntime.api.AssessmentException}, with a
 * subclass where callers act differently.
 *
 * <p>Components register their implementation of one of these interfaces as an OSGi service; other
 * components reference the interface, never an implementation class, so that each bundle can be
 * updated or replaced while the runtime runs.
 *
 * <p>1.0.0: {@link org.assessmentruntime.api.ResultsCollector} lost its delivery methods ({@code pending},
 * {@code markDelivered}, {@code markFailed}, {@code markParked}: the collector's own business), and
 * {@code parked}/{@code requeue} moved to {@link org.assessmentruntime.api.ParkedResults}.
 */
@Export
@Version("1.0.0")
package org.assessmentruntime.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
