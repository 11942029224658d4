package org.assessmentruntime.http.internal;

import java.io.IOException;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/**
 * {@code /health}, liveness: 200 whenever it answers at all. That it answers means the JVM, the OSGi
 * framework, the HTTP service and this bundle are up; whether the components do their job is
 * {@code /ready}'s question, so that a probe restarting the process on a failed liveness check does not
 * restart it because, say, the control plane is unreachable.
 */
@Component(service = Servlet.class, property = {Whiteboard.PATTERN + "/health",
        Whiteboard.NAME + "assessment-health", Whiteboard.SELECT_CONTEXT})
public class HealthServlet extends ReadOnlyServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        json.write(response, HttpServletResponse.SC_OK, Map.of("status", "UP"));
    }
}
