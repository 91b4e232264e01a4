package io.taskmon.reporter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C, SIGTERM and SIGHUP sent to the reporter reach the command, and the run is then
 * reported as failed with that signal. The reporter does not exit by itself: it waits for the
 * command, reports, and exits with 128 + the signal's number, as a shell would.
 *
 * <p>{@code sun.misc.Signal} because no public API tells which signal arrived; where it is
 * missing, the JVM's default handling applies.
 */
final class SignalForwarding {

    /** After this, a command that ignores the forwarded signal is killed. */
    static final Duration GRACE = Duration.ofSeconds(10);
    /**
     * Ctrl-C at a terminal already reaches the whole foreground group, the command included.
     * Sending it again at once would interrupt the command's own cleanup, so SIGINT is passed
     * on only when the command is still running after this.
     */
    static final Duration INTERRUPT_DELAY = Duration.ofSeconds(1);

    private volatile Process child;
    private volatile Signal received;
    private volatile boolean lateSignal;

    static SignalForwarding install() {
        SignalForwarding forwarding = new SignalForwarding();
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            try {
                Signal.handle(new Signal(name), forwarding.handler());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // not on this platform (Windows has no HUP)
            }
        }
        return forwarding;
    }

    void attach(Process child) {
        this.child = child;
    }

    /** The signal the reporter received, or {@code null}. */
    Signal received() {
        return received;
    }

    // A class rather than a lambda: the first lambda costs a short command tens of milliseconds.
    private SignalHandler handler() {
        return new SignalHandler() {
            @Override
            public void handle(Signal signal) {
                SignalForwarding.this.handle(signal);
            }
        };
    }

    private void handle(Signal signal) {
        Process running = child;
        if (running != null && !running.isAlive()) {
            // The command is done and only the report is left, within its budget; the run is
            // not "stopped by" this signal. Asked twice: stop now.
            if (lateSignal) {
                Runtime.getRuntime().halt(128 + signal.getNumber());
            }
            lateSignal = true;
            return;
        }
        if (received != null) {
            // Asked twice: stop now.
            if (running != null) {
                running.toHandle().destroyForcibly();
            } else {
                Runtime.getRuntime().halt(128 + signal.getNumber());
            }
            return;
        }
        received = signal;
        if (running == null) {
            // Nothing started yet: nothing to report either.
            Runtime.getRuntime().halt(128 + signal.getNumber());
            return;
        }
        Thread forward = new Thread("signal-forward") {
            @Override
            public void run() {
                forward(signal, running);
            }
        };
        forward.setDaemon(true);
        forward.start();
    }

    private static void forward(Signal signal, Process running) {
        try {
            if ("INT".equals(signal.getName())) {
                if (running.waitFor(INTERRUPT_DELAY.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            send(signal, running);
            if (!running.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                running.toHandle().destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(Signal signal, Process running) throws InterruptedException {
        if (Signals.WINDOWS || "TERM".equals(signal.getName())) {
            // Through the handle: Process.destroy would also close the pipes and lose the
            // command's last words. SIGTERM on Unix; Windows has no signals to pass on.
            running.toHandle().destroy();
            return;
        }
        // Java can send only SIGTERM and SIGKILL itself; kill(1) sends the very signal received.
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal.getName(), String.valueOf(running.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor() == 0) {
                return;
            }
        } catch (IOException e) {
            // no kill(1) on the path
        }
        running.toHandle().destroy();
    }
}
