package io.taskmon.reporter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The full output of one run in {@code --log-dir}, named by task, local start time and run,
 * e.g. {@code nightly_import_20261123-020000_3f2a9c1e.log}. Its path is the report's log_url.
 * If the file cannot be written, the run goes on without it: a full disk must not fail the command.
 */
final class CommandLog implements AutoCloseable {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path file;
    private final Notices notices;
    private OutputStream out;

    private CommandLog(Path file, OutputStream out, Notices notices) {
        this.file = file;
        this.out = out;
        this.notices = notices;
    }

    /** The log for this run, or {@code null} (after a notice) when it cannot be created. */
    static CommandLog open(Path dir, String taskKey, String runId, LocalDateTime start, Notices notices) {
        // task keys may hold ':' (not allowed in Windows file names)
        String name = taskKey.replaceAll("[^A-Za-z0-9_.-]", "_") + "_" + STAMP.format(start) + "_"
                + runId.substring(0, Math.min(8, runId.length())) + ".log";
        try {
            Path file = Files.createDirectories(dir).resolve(name).toAbsolutePath();
            return new CommandLog(file, Files.newOutputStream(file), notices);
        } catch (IOException | RuntimeException e) {
            notices.say("cannot write the log file in " + dir + " (" + e.getMessage() + "); the run goes on without it");
            return null;
        }
    }

    Path file() {
        return file;
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        if (out == null) {
            return;
        }
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            notices.say("writing " + file + " failed (" + e.getMessage() + "); the rest of the output is not in it");
            closeQuietly();
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // the bytes written so far are what the file holds
            }
            out = null;
        }
    }
}
