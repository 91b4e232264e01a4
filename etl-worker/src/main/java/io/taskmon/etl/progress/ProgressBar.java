package io.taskmon.etl.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The terminal view of a run: rows, batches, rate and, when the source size is known, a bar and
 * an ETA. On a terminal it redraws one line (at most a few times a second); elsewhere (a log
 * file, CI) it prints a line per batch, so logs stay readable.
 */
public final class ProgressBar {

    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private final boolean enabled;
    private final Long totalBytes;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    public ProgressBar(PrintStream out, boolean interactive, boolean enabled, Long totalBytes) {
        this.out = out;
        this.interactive = interactive;
        this.enabled = enabled;
        this.totalBytes = totalBytes;
    }

    public void update(long batches, long rows, long bytesRead, boolean force) {
        // Off a terminal every batch already printed its line; a forced final one would repeat it.
        if (!enabled || (!interactive && force)) {
            return;
        }
        long now = System.nanoTime();
        if (interactive && !force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        String line = render(batches, rows, bytesRead, (now - startNanos) / 1e9);
        if (interactive) {
            out.print("\r" + line + "\u001b[K");
            drawn = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the redrawn line, so that what follows starts on a new one. */
    public void finish() {
        if (enabled && interactive && drawn) {
            out.println();
            out.flush();
        }
    }

    String render(long batches, long rows, long bytesRead, double seconds) {
        double rate = seconds > 0 ? rows / seconds : 0;
        StringBuilder line = new StringBuilder();
        if (totalBytes != null && totalBytes > 0) {
            double share = Math.min(1.0, (double) bytesRead / totalBytes);
            int filled = (int) Math.round(share * WIDTH);
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
            line.append(String.format(Locale.ROOT, "%3.0f%% ", share * 100));
            String eta = share > 0 && share < 1 ? clock(seconds / share - seconds) : share >= 1 ? "0:00" : "--:--";
            line.append(String.format(Locale.ROOT, "%,d rows  %,d batches  %,.0f rows/s  ETA %s",
                    rows, batches, rate, eta));
        } else {
            line.append(String.format(Locale.ROOT, "%,d rows  %,d batches  %,.0f rows/s  %s elapsed",
                    rows, batches, rate, clock(seconds)));
        }
        return line.toString();
    }

    static String clock(double seconds) {
        long total = Math.round(seconds);
        return total >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
                : String.format(Locale.ROOT, "%d:%02d", total / 60, total % 60);
    }
}
