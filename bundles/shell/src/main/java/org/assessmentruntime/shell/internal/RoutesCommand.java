package org.assessmentruntime.shell.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.assessmentruntime.api.RouteInfo;
import org.assessmentruntime.api.RouteInventory;

/**
 * {@code assessment:routes}: the runtime's Camel routes with their state and counters. Camel's own
 * {@code camel:*} commands are not available with our embedded Camel, hence this command.
 */
@Service
@Command(scope = "assessment", name = "routes",
        description = "Lists the runtime's Camel routes with their state and exchange counters.")
public class RoutesCommand implements Action {

    // Optional: a mandatory reference would hold back every command of this bundle, assessment:status
    // included, whenever the Camel bundle is down - exactly when an operator needs them.
    @Reference(optional = true)
    RouteInventory routeInventory;

    @Option(name = "--json", description = "Print the routes as JSON, for scripts.")
    boolean json;

    @Override
    public Object execute() {
        PrintStream out = System.out;
        if (routeInventory == null) {
            System.err.println("The Camel context is not running: is the org.assessmentruntime.camel bundle active?");
            return null;
        }
        List<RouteInfo> routes = routeInventory.routes();
        if (json) {
            out.println(Json.write(routes));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Route");
        table.column("State");
        table.column("Total").alignRight();
        table.column("Failed").alignRight();
        table.column("Inflight").alignRight();
        table.column("Uptime");
        table.column("From").maxSize(80);
        for (RouteInfo route : routes) {
            table.addRow().addContent(route.id(), route.state(), route.exchangesTotal(), route.exchangesFailed(),
                    route.exchangesInflight(), Durations.human(route.uptimeMillis()), route.from());
        }
        table.emptyTableText("No routes: the runtime has no control-plane exchange configured.");
        table.print(out);
        return null;
    }
}
