package dev.nativewatch.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The WARNING records one class logs while this is open: the library logs through {@link System.Logger}, which the
 * JDK backs with java.util.logging unless an application installs its own.
 */
public final class LoggedWarnings implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel() == Level.WARNING) {
                messages.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LoggedWarnings(Class<?> source) {
        logger = Logger.getLogger(source.getName());
        logger.addHandler(handler);
    }

    /** Starts keeping the warnings that {@code source} logs, under its class name as the library names loggers. */
    public static LoggedWarnings of(Class<?> source) {
        return new LoggedWarnings(source);
    }

    /** @return the messages of the warnings logged so far */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
