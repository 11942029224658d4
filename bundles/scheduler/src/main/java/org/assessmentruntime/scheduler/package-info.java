/**
 * Job files of the scheduler, for whoever needs to read them as the scheduler does.
 *
 * <p>In standalone mode jobs are JSON files in a directory ({@code etc/jobs/} by default), one
 * {@link org.assessmentruntime.api.model.JobDefinition} per file. {@link JobFiles} reads and validates
 * such a file exactly as the scheduler does, so the shell and the CLI can check a file before it is
 * dropped into the directory; a file that fails is a {@link RejectedJobFile} naming the file and the
 * field. The scheduler registers a {@link JobDirectory} service that tells which files it rejected.
 * Jobs from elsewhere (the control plane's configuration) are read by the same {@link JobFiles} and
 * given to the {@link org.assessmentruntime.api.Scheduler}, which keeps them across restarts.
 *
 * <p>Scheduling itself is the API's {@link org.assessmentruntime.api.Scheduler} service.
 */
@Export
@Version("0.3.0")
package org.assessmentruntime.scheduler;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
