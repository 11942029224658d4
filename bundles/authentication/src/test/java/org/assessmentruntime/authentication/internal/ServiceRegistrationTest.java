package org.assessmentruntime.authentication.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Dictionary;

import org.apache.camel.RoutesBuilder;
import org.assessmentruntime.api.ControlPlaneConnection;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The services the component registers through its BundleContext, as the runtime activates it. */
class ServiceRegistrationTest {

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static BundleContext context(ServiceRegistration registration) {
        BundleContext context = mock(BundleContext.class);
        when(context.registerService(any(String[].class), any(), any())).thenReturn(registration);
        when(context.registerService(any(Class.class), any(Object.class), any())).thenReturn(registration);
        return context;
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void standaloneRegistersAuthenticationAndHealthOnly() {
        ServiceRegistration registration = mock(ServiceRegistration.class);
        BundleContext context = context(registration);

        ControlPlaneComponent component = new ControlPlaneComponent(context, Configs.of());
        ArgumentCaptor<Dictionary> properties = ArgumentCaptor.forClass(Dictionary.class);

        verify(context).registerService(eq(new String[] {"org.assessmentruntime.api.Authentication",
                "org.assessmentruntime.api.HealthIndicator"}), eq(component), properties.capture());
        assertThat(properties.getValue().get("assessment.component")).isEqualTo("authentication");
        verify(context, never()).registerService(eq(RoutesBuilder.class), any(RoutesBuilder.class), any());
        verify(context, never()).registerService(eq(ControlPlaneConnection.class), any(ControlPlaneConnection.class), any());

        component.deactivate();
        verify(registration).unregister();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aUrlPublishesRoutesThenTheConnectionAndNoSecretInProperties() {
        ServiceRegistration registration = mock(ServiceRegistration.class);
        BundleContext context = context(registration);

        ControlPlaneComponent component = new ControlPlaneComponent(context, Configs.of("url",
                "http://127.0.0.1:9", "clientId", "id", "clientSecret", "the-secret"));

        InOrder order = inOrder(context);
        ArgumentCaptor<Dictionary> routeProperties = ArgumentCaptor.forClass(Dictionary.class);
        order.verify(context, times(2)).registerService(eq(RoutesBuilder.class), any(RoutesBuilder.class), routeProperties.capture());
        ArgumentCaptor<Dictionary> connectionProperties = ArgumentCaptor.forClass(Dictionary.class);
        order.verify(context).registerService(eq(ControlPlaneConnection.class),
                any(ControlPlaneConnection.class), connectionProperties.capture());
        assertThat(connectionProperties.getValue().get("controlplane.url")).isEqualTo("http://127.0.0.1:9");
        ArgumentCaptor<Dictionary> authProperties = ArgumentCaptor.forClass(Dictionary.class);
        verify(context).registerService(any(String[].class), any(Object.class), authProperties.capture());
        assertThat(routeProperties.getAllValues().toString() + connectionProperties.getValue()
                + authProperties.getValue()).doesNotContain("the-secret");

        component.modified(Configs.of());
        verify(registration, times(3)).unregister();
        component.deactivate();
        verify(registration, times(4)).unregister();
    }
}
