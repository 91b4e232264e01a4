package io.taskmon.reporter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies the command's stdout and stderr as they come: to the reporter's own stdout and stderr
 * (so the command's output looks as it did before), to the bounded tail for the message, and to
 * the log file when there is one.
 */
final class CommandOutput {

    private static final int CHUNK = 8 * 1024;

    private final OutputTail tail;
    private final CommandLog log;
    private final List<Thread> pumps = new ArrayList<>(2);

    CommandOutput(OutputTail tail, CommandLog log) {
        this.tail = tail;
        this.log = log;
    }

    void pump(InputStream from, OutputStream passThrough, String name) {
        Thread pump = new Thread(name) {
            @Override
            public void run() {
                copy(from, passThrough);
            }
        };
        pump.setDaemon(true);
        pump.start();
        pumps.add(pump);
    }

    /**
     * Waits until both streams are read to the end. A command that leaves a background process
     * holding its output open would keep them open forever, so the wait is bounded.
     */
    void awaitDrained(Duration atMost) {
        Deadline deadline = Deadline.after(atMost);
        for (Thread pump : pumps) {
            try {
                pump.join(Math.max(1, deadline.remaining().toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void copy(InputStream from, OutputStream passThrough) {
        byte[] buffer = new byte[CHUNK];
        boolean passing = true;
        try (from) {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                if (passing) {
                    try {
                        passThrough.write(buffer, 0, n);
                        passThrough.flush();
                    } catch (IOException e) {
                        // Our own stdout is gone (a closed pipe): keep reading, or the command
                        // would block on a full pipe and never finish.
                        passing = false;
                    }
                }
                tail.append(buffer, 0, n);
                if (log != null) {
                    log.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the stream ended with the process
        }
    }
}
