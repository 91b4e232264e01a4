package io.taskmon.standalone;

import io.taskmon.config.SettingsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The ingest key of a standalone install that was given none: generated once, kept under
 * TASKMON_HOME readable by its owner only, and reused on every start so reporters keep working.
 */
public final class IngestKeyFile {

    public static final String FILE_NAME = "ingest-key";

    private final Path path;

    public IngestKeyFile(Path home) {
        this.path = home.resolve(FILE_NAME);
    }

    public Path path() {
        return path;
    }

    /** The stored key, creating it first when there is none; {@code created} says which. */
    public record Key(String value, boolean created) {
    }

    public Key readOrCreate() {
        try {
            if (Files.exists(path)) {
                String value = Files.readString(path, StandardCharsets.UTF_8).trim();
                if (value.isEmpty()) {
                    throw new SettingsException("the ingest key file " + path + " is empty; delete it to get a new key");
                }
                return new Key(value, false);
            }
            Files.createDirectories(path.getParent());
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String value = "tm_" + HexFormat.of().formatHex(random);
            try {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(path);
            }
            Files.writeString(path, value + System.lineSeparator(), StandardCharsets.UTF_8);
            return new Key(value, true);
        } catch (FileAlreadyExistsException e) {
            return readOrCreate();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the ingest key file " + path, e);
        }
    }
}
