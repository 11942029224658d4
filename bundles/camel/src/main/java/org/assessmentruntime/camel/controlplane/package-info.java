/**
 * The control-plane client kit shared by the bundles that talk to the control plane (configuration,
 * heartbeat, results delivery): what each of them would otherwise copy.
 *
 * <ul>
 * <li>{@link ControlPlaneComponents}: turns a bundle's control-plane components on while a control plane
 * is configured, and off when it goes, so that a standalone runtime shows no waiting components;
 * <li>{@link ControlPlaneErrors}: the control plane's error envelope, {@code {"errors": {...}}}, in a line.
 * </ul>
 *
 * <p>Plain Java with OSGi DS and Jackson only: nothing of Camel, so a route bundle imports this package
 * without Camel's mandatory attribute.
 */
@Export
@Version("0.1.0")
package org.assessmentruntime.camel.controlplane;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
