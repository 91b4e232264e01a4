package io.taskmon.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The settings a test's whole taskmon runs with: a new home under the temp folder, loopback on a free port. */
final class TestHomes {

    private TestHomes() {
    }

    /** Settings on a new home named after {@code prefix}, with {@code ingestKey} and any further variables. */
    static StandaloneSettings settings(String prefix, String ingestKey, String... moreVariables) throws IOException {
        Path home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), prefix);
        Map<String, String> env = new HashMap<>(Map.of(
                "TASKMON_HOME", home.toString(),
                "TASKMON_HTTP_HOST", "127.0.0.1",
                "TASKMON_HTTP_PORT", "0",
                "TASKMON_INGEST_KEYS", ingestKey));
        for (int i = 0; i + 1 < moreVariables.length; i += 2) {
            env.put(moreVariables[i], moreVariables[i + 1]);
        }
        return StandaloneSettings.fromEnvironment(env);
    }
}
