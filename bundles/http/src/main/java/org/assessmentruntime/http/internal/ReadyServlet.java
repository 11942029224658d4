package org.assessmentruntime.http.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.assessmentruntime.api.ComponentStatus;
import org.assessmentruntime.api.RuntimeStatus;
import org.assessmentruntime.api.StatusService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code /ready}, readiness: 200 when every component is ready ({@link Readiness}), else 503. The body is
 * always the status {@code assessment:status --json} prints, from the same {@link StatusService}, with
 * {@code ready} and the ids of the components that are {@code notReady} in front.
 */
@Component(service = Servlet.class, property = {Whiteboard.PATTERN + "/ready", Whiteboard.NAME + "assessment-ready",
        Whiteboard.SELECT_CONTEXT})
public class ReadyServlet extends ReadOnlyServlet {

    private static final long serialVersionUID = 1L;

    // Optional and dynamic: without the shell bundle (which provides it) the runtime is not ready, and
    // /ready must say so with 503 rather than vanish into a 404.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile StatusService statusService;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StatusService service = statusService;
        if (service == null) {
            json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "no status service (the assessment-shell bundle provides it): readiness unknown");
            return;
        }
        RuntimeStatus status = service.status();
        boolean ready = Readiness.ready(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", ready);
        body.put("notReady", Readiness.notReady(status).stream().map(ComponentStatus::component).toList());
        body.put("version", status.version());
        body.put("takenAt", status.takenAt());
        body.put("components", status.components());
        json.write(response, ready ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE, body);
    }
}
