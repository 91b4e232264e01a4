package io.taskmon.standalone;

import io.taskmon.config.SettingsException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class IngestKeyFileTest {

    private static Path newHome() throws Exception {
        return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "key-home").resolve("home");
    }

    @Test
    void generatesAKeyOnceReadableByItsOwnerOnlyAndReusesIt() throws Exception {
        IngestKeyFile file = new IngestKeyFile(newHome());

        IngestKeyFile.Key first = file.readOrCreate();
        IngestKeyFile.Key second = file.readOrCreate();

        assertThat(first.created()).isTrue();
        assertThat(first.value()).matches("tm_[0-9a-f]{48}");
        assertThat(second).isEqualTo(new IngestKeyFile.Key(first.value(), false));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
    }

    @Test
    void refusesAnEmptyKeyFileWithAWayOut() throws Exception {
        Path home = newHome();
        Files.createDirectories(home);
        Files.writeString(home.resolve(IngestKeyFile.FILE_NAME), "  \n");
        assertThatThrownBy(() -> new IngestKeyFile(home).readOrCreate())
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("is empty; delete it to get a new key");
    }

    @Test
    void letsOnlyOneTaskmonUseAHome() throws Exception {
        Path home = newHome();
        try (HomeLock lock = HomeLock.acquire(home)) {
            assertThatThrownBy(() -> HomeLock.acquire(home))
                    .isInstanceOf(SettingsException.class)
                    .hasMessage("another taskmon is already running with TASKMON_HOME=" + home
                            + "; stop it first or choose another TASKMON_HOME");
        }
        HomeLock.acquire(home).close();
    }
}
