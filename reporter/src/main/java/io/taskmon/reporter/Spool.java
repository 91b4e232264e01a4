package io.taskmon.reporter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Reports the gateway could not take, kept as their JSON bodies, one file each, until a later
 * run delivers them. File names start with the time they were kept, zero-padded, so sorting by
 * name sends them oldest first. The key is not stored: it is read again when they are sent.
 *
 * <p>A report the gateway refuses (4xx) is moved to {@code rejected/} next to a note with the
 * gateway's answer, so it is neither lost nor sent forever.
 */
final class Spool {

    static final String SUFFIX = ".json";
    static final String REJECTED = "rejected";

    private final Path dir;

    Spool(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /**
     * Writes the report under a temporary name and renames it, so a crash or a concurrent run
     * never sees half a report.
     */
    Path keep(UUID eventId, byte[] json) throws IOException {
        Files.createDirectories(dir);
        String name = String.format("%015d-%s%s", Instant.now().toEpochMilli(), eventId, SUFFIX);
        // Named after the event rather than by Files.createTempFile, whose random names would
        // load the JDK's SecureRandom: a cost paid exactly when the gateway is already slow.
        Path temporary = dir.resolve(".keeping-" + eventId + ".tmp");
        try {
            Files.write(temporary, json);
            Path target = dir.resolve(name);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Kept reports, oldest first; empty when the folder does not exist yet. */
    List<Path> pending() {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "[0-9]*" + SUFFIX)) {
            entries.forEach(files::add);
        } catch (IOException e) {
            return files;
        }
        Collections.sort(files);
        return files;
    }

    /** The body of a kept report, or {@code null} when another run has just sent and removed it. */
    byte[] read(Path report) throws IOException {
        try {
            return Files.readAllBytes(report);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    void delivered(Path report) throws IOException {
        Files.deleteIfExists(report);
    }

    /** Moves a refused report aside with a note saying why; returns where it went. */
    Path setAside(Path report, int status, String sentence) throws IOException {
        Path rejected = Files.createDirectories(dir.resolve(REJECTED));
        Path target = rejected.resolve(report.getFileName());
        Files.writeString(rejected.resolve(report.getFileName() + ".reason.txt"),
                "The gateway refused this report with " + status + ": " + sentence + System.lineSeparator()
                        + "It is not sent again. Fix the cause, then move the .json file back to " + dir
                        + " to resend it, or delete it." + System.lineSeparator(),
                StandardCharsets.UTF_8);
        try {
            Files.move(report, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            // another run set it aside first
        }
        return target;
    }
}
