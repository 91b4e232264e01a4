package io.taskmon.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built jars some benchmarks start in processes of their own, found in the checkout this
 * module was built in: {@code bench/target/taskmon-bench.jar} (or {@code bench/target/classes})
 * is three levels below its root.
 */
final class Checkout {

    private Checkout() {
    }

    static Path root() {
        return benchClasses().toAbsolutePath().getParent().getParent().getParent();
    }

    /** The jar {@code ./taskmon up} runs, with its libraries beside it in {@code lib/}. */
    static Path standaloneJar() {
        return built(Path.of(System.getProperty("taskmon.standalone.jar",
                root().resolve("standalone/target/taskmon-standalone.jar").toString())));
    }

    /** The jar or classes folder this module's classes come from. */
    static Path benchClasses() {
        try {
            return Path.of(Checkout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the bench classes are", e);
        }
    }

    static Path built(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalStateException("need " + file + "; build with ./mvnw -DskipTests package");
        }
        return file;
    }
}
