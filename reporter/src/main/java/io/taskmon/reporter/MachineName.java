package io.taskmon.reporter;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The machine a run happened on, part of the monitor's identity: the same task on two PCs is
 * two monitors. Files and variables come before a network lookup, because
 * {@link InetAddress#getLocalHost()} can wait seconds on a badly configured resolver, and cron
 * does not export HOSTNAME.
 */
final class MachineName {

    private MachineName() {
    }

    static String detect(Map<String, String> env) {
        String fromEnv = ReporterSettings.firstSet(env.get("COMPUTERNAME"), env.get("HOSTNAME"));
        if (fromEnv != null) {
            return fromEnv;
        }
        for (String file : new String[] {"/proc/sys/kernel/hostname", "/etc/hostname"}) {
            try {
                String name = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
                if (!name.isEmpty()) {
                    return name;
                }
            } catch (IOException | RuntimeException e) {
                // not this system's way of telling; try the next
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }
}
