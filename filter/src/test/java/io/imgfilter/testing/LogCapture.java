package io.imgfilter.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The java.util.logging records of one logger (and those below it) while the capture is open:
 * what the filter logs through {@code System.Logger}, which the JDK routes to java.util.logging.
 * Holds the logger strongly (java.util.logging forgets loggers, and their handlers, that nobody
 * references) and puts its level back on close.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level levelBefore;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String loggerName, Level level) {
        logger = Logger.getLogger(loggerName);
        levelBefore = logger.getLevel();
        handler.setLevel(Level.ALL);
        if (level != null) {
            logger.setLevel(level);
        }
        logger.addHandler(handler);
    }

    /** Records at the logger's configured level. */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName, null);
    }

    /** Records from {@code level} on, the logger set to it while the capture is open. */
    public static LogCapture of(String loggerName, Level level) {
        return new LogCapture(loggerName, level);
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The messages of the records at {@code level} or above, as java.util.logging formats them. */
    public List<String> messages(Level level) {
        SimpleFormatter formatter = new SimpleFormatter();
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).map(formatter::formatMessage).toList();
    }

    public void clear() {
        records.clear();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(levelBefore);
    }
}
