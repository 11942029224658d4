package org.assessmentruntime.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.assessmentruntime.api.ComponentStatus;
import org.assessmentruntime.api.RuntimeStatus;
import org.assessmentruntime.api.StatusService;

/** {@code assessment:status}: every component, its bundle state and its health. */
@Service
@Command(scope = "assessment", name = "status",
        description = "Shows each runtime component with its bundle state and health.")
public class StatusCommand implements Action {

    @Reference
    StatusService statusService;

    @Option(name = "--json", description = "Print the status as JSON, for scripts.")
    boolean json;

    @Override
    public Object execute() {
        RuntimeStatus status = statusService.status();
        PrintStream out = System.out;
        if (json) {
            out.println(Json.write(status));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Component");
        table.column("Bundle");
        table.column("Version");
        table.column("Health");
        table.column("Detail").maxSize(100).wrap();
        for (ComponentStatus row : status.components()) {
            table.addRow().addContent(row.component().id(), row.bundleState(), row.bundleVersion(),
                    row.health().state(), row.health().detail());
        }
        table.print(out);
        out.println(status.allUp() ? "All components are up." : "Some components are not up.");
        return null;
    }
}
