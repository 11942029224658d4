package org.assessmentruntime.http.internal;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A request and a response recorded in memory, for servlets and the context helper outside a container. */
final class Http {

    final HttpServletRequest request = mock(HttpServletRequest.class);
    final HttpServletResponse response = mock(HttpServletResponse.class);
    final Map<String, String> headers = new LinkedHashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = 200;
    private String contentType;

    Http(String method, String path, Map<String, String[]> parameters) throws IOException {
        when(request.getMethod()).thenReturn(method);
        when(request.getRemoteAddr()).thenReturn("127.0.0.1");
        when(request.getPathInfo()).thenReturn(path);
        when(request.getParameterMap()).thenReturn(parameters);
        when(request.getProtocol()).thenReturn("HTTP/1.1");
        doAnswer(inv -> status = inv.getArgument(0)).when(response).setStatus(anyInt());
        doAnswer(inv -> status = inv.getArgument(0)).when(response).sendError(anyInt());
        doAnswer(inv -> status = inv.getArgument(0)).when(response).sendError(anyInt(), anyString());
        doAnswer(inv -> contentType = inv.getArgument(0)).when(response).setContentType(anyString());
        doAnswer(inv -> headers.put(inv.getArgument(0), inv.getArgument(1))).when(response)
                .setHeader(anyString(), anyString());
        when(response.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                // blocking only
            }
        });
    }

    static Http get(String path) throws IOException {
        return new Http("GET", path, Map.of());
    }

    static Http get(String path, Map<String, String[]> parameters) throws IOException {
        return new Http("GET", path, parameters);
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    String body() {
        return body.toString(StandardCharsets.UTF_8);
    }

    JsonNode json() throws IOException {
        return new ObjectMapper().readTree(body());
    }
}
