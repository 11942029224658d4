package org.assessmentruntime.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /metrics}: every metric of {@link RuntimeMetrics} in the Prometheus text exposition format, for
 * a Prometheus server (or anything that reads it) to scrape.
 */
@Component(service = Servlet.class, property = {Whiteboard.PATTERN + "/metrics",
        Whiteboard.NAME + "assessment-metrics", Whiteboard.SELECT_CONTEXT})
public class MetricsServlet extends ReadOnlyServlet {

    private static final long serialVersionUID = 1L;

    private final transient RuntimeMetrics metrics;

    /** DS constructor. */
    @Activate
    public MetricsServlet(@Reference RuntimeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Rendered whole first: a collector that fails then gives a clean 500, not half a page with 200.
        ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        try {
            metrics.write(body);
        } catch (RuntimeException e) {
            json.error(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "metrics could not be collected: " + e);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(metrics.contentType());
        response.setContentLength(body.size());
        response.setHeader("Cache-Control", "no-store");
        try (OutputStream out = response.getOutputStream()) {
            body.writeTo(out);
        }
    }
}
