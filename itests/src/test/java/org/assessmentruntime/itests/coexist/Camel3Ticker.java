package org.assessmentruntime.itests.coexist;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.timer.TimerComponent;
import org.apache.camel.core.osgi.OsgiDefaultCamelContext;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands for the Camel application an operator already runs on camel-karaf when they add our features:
 * a bundle with its own CamelContext on camel-karaf's Camel 3, whose timer route logs a line every half
 * second. CamelKarafCoexistenceIT packs this class into a bundle at test time (it is never on our
 * runtime's class path) and reads those lines from karaf.log to see the application keep running.
 */
public final class Camel3Ticker implements BundleActivator {

    /** The text each tick logs; the test counts lines containing it. */
    public static final String TICK = "camel3-ticker tick";

    private static final Logger LOG = LoggerFactory.getLogger(Camel3Ticker.class);

    private CamelContext camel;

    @Override
    public void start(BundleContext context) throws Exception {
        OsgiDefaultCamelContext camel = new OsgiDefaultCamelContext(context);
        // Registered by hand rather than discovered, so that the test depends on camel-karaf's bundles
        // resolving and running, not on its component discovery across bundles.
        camel.addComponent("timer", new TimerComponent());
        camel.start();
        // Added to the started context, so that they start at once.
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:camel3-ticker?delay=0&period=500").routeId("camel3-ticker")
                        .process(e -> LOG.info("{} {}", TICK, e.getProperty(Exchange.TIMER_COUNTER)));
            }
        });
        LOG.info("camel3-ticker routes: {}", camel.getRoutes());
        this.camel = camel;
    }

    @Override
    public void stop(BundleContext context) {
        if (camel != null) {
            camel.stop();
        }
    }
}
