package org.assessmentruntime.resultscollector.internal.delivery;

import org.assessmentruntime.resultscollector.internal.CollectorConfig;

/** Package-private parts of delivery, for tests elsewhere. */
public final class DeliveryAccess {

    private DeliveryAccess() {
    }

    /** {@link ResultsDelivery#settings(CollectorConfig)}. */
    public static DeliverySettings settings(CollectorConfig config) {
        return ResultsDelivery.settings(config);
    }
}
