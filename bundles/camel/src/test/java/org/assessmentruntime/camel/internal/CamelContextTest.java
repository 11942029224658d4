package org.assessmentruntime.camel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StreamCache;
import org.apache.camel.TypeConverter;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.camel.support.DefaultExchange;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.ComponentId;
import org.assessmentruntime.api.HealthState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * The context as the bundle builds it. The test class path holds this module's target/classes (the
 * merged bundle content) instead of the upstream Camel jars, and no servlet/activation/JAXB API, so
 * these tests see what the bundle will see in Karaf.
 */
class CamelContextTest {

    private final TestRuntimes.Published published = new TestRuntimes.Published();
    private CamelRuntime runtime;
    private CamelContext context;

    @BeforeEach
    void start() throws Exception {
        runtime = TestRuntimes.start(published);
        context = runtime.context();
    }

    @AfterEach
    void stop() throws Exception {
        if (context.getStatus().isStarted()) {
            runtime.deactivate();
        }
    }

    @Test
    void convertersOfEveryEmbeddedJarAreLoaded() throws Exception {
        TypeConverter converter = context.getTypeConverter();
        // camel-base
        assertThat(converter.mandatoryConvertTo(byte[].class, "abc")).containsExactly('a', 'b', 'c');
        InputStream in = new ByteArrayInputStream("stream".getBytes(StandardCharsets.UTF_8));
        assertThat(converter.mandatoryConvertTo(String.class, in)).isEqualTo("stream");
        // camel-support
        assertThat(converter.mandatoryConvertTo(StreamCache.class, new ByteArrayInputStream(new byte[] {1})))
                .isNotNull();
        // camel-jackson (its converters read the ObjectMapper to use from the exchange's context)
        JsonNode node = converter.mandatoryConvertTo(JsonNode.class, new DefaultExchange(context), "{\"a\":1}");
        assertThat(node.get("a").asInt()).isEqualTo(1);
    }

    @Test
    void componentsAndDataFormatsResolveByName() {
        for (String name : new String[] {"timer", "log", "direct", "seda", "http", "https"}) {
            assertThat(context.getComponent(name)).as(name).isNotNull();
        }
        assertThat(context.resolveDataFormat("jackson")).isNotNull();
        assertThat(context.resolveLanguage("simple")).isNotNull();
    }

    @Test
    void jacksonMarshalsInARoute() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:json").marshal().json(JsonLibrary.Jackson).convertBodyTo(String.class);
            }
        });

        try (ProducerTemplate template = context.createProducerTemplate()) {
            assertThat(template.requestBody("direct:json", Map.of("a", 1), String.class)).isEqualTo("{\"a\":1}");
        }
    }

    @Test
    void httpProducerWorksOnLoopback() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hello", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (ProducerTemplate template = context.createProducerTemplate()) {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hello";
            assertThat(template.requestBody(url, null, String.class)).isEqualTo("hello");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void contextIsPublishedWhileRunningAndHealthFollowsIt() throws Exception {
        assertThat(published.context.get()).isSameAs(context);
        assertThat(published.status.get()).isSameAs(runtime.status());
        ComponentHealth up = runtime.status().health();
        assertThat(up.component()).isEqualTo(ComponentId.CAMEL);
        assertThat(up.state()).isEqualTo(HealthState.UP);
        assertThat(up.facts()).containsEntry("routes", "0");

        runtime.deactivate();

        assertThat(published.context.get()).isNull();
        assertThat(published.status.get()).isNull();
        assertThat(runtime.status().health().state()).isEqualTo(HealthState.DOWN);
    }

    @Test
    void threadsCarryTheConfiguredName() throws Exception {
        AtomicReference<String> thread = new AtomicReference<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:name?repeatCount=1").process(exchange -> thread.set(Thread.currentThread().getName()));
            }
        });

        TestRuntimes.await("the timer to fire", Duration.ofSeconds(10), () -> thread.get() != null);
        assertThat(thread.get()).contains("(" + context.getName() + ")");
    }

    @Test
    void contextUsesTheConfiguredNameAndClassLoader() {
        assertThat(context.getName()).startsWith("test-");
        assertThat(context.getApplicationContextClassLoader()).isSameAs(CamelRuntime.class.getClassLoader());
        assertThat(context.getShutdownStrategy().getTimeout()).isEqualTo(2);
    }
}
