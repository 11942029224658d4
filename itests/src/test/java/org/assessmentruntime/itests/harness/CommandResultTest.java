package org.assessmentruntime.itests.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class CommandResultTest {

    @Test
    void stripsAnsiAndCarriageReturns() {
        // What Karaf 4.4 sends for an unknown command on an exec channel.
        String raw = "\u001B[31mCommand not found: \u001B[0m\u001B[31;1mno-such:command\u001B[0m\r\n";
        CommandResult r = new CommandResult("no-such:command", raw, raw, 1, Duration.ZERO);
        assertThat(r.output()).isEqualTo("Command not found: no-such:command\n");
        assertThat(r.succeeded()).isFalse();
        assertThat(new CommandResult("x", "", "", null, Duration.ZERO).succeeded()).isFalse();
        assertThat(new CommandResult("x", "", "", 0, Duration.ZERO).succeeded()).isTrue();
    }
}
