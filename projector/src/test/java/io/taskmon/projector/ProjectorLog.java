package io.taskmon.projector;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What the projector logged while a test ran, to check that an outage is reported clearly. */
final class ProjectorLog implements AutoCloseable {

    // The package logger: the loop, its retries and its Kafka probe each log under their own class.
    private final Logger logger = (Logger) LoggerFactory.getLogger(Projector.class.getPackageName());
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    ProjectorLog() {
        appender.start();
        logger.addAppender(appender);
    }

    List<String> messages() {
        synchronized (appender) {
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    boolean contains(String text) {
        return messages().stream().anyMatch(m -> m.contains(text));
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
