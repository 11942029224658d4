package org.assessmentruntime.http.internal;

import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * A servlet that only reads: GET (and HEAD, which the servlet API answers from GET without the body);
 * every other method, OPTIONS and TRACE included, is 405 with {@code Allow: GET, HEAD}.
 */
abstract class ReadOnlyServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The JSON writer of this servlet. */
    protected final transient JsonBodies json = new JsonBodies();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            super.service(request, response);
            return;
        }
        response.setHeader("Allow", "GET, HEAD");
        json.error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method " + method + " is not allowed: "
                + "this endpoint is read-only (GET)");
    }

    @Override
    protected abstract void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException;
}
