package io.imgfilter.config;

/**
 * A configuration the filter refuses to start with. The message names the filter, the
 * init-param, the value as written (never a secret) and what is allowed, in Tomcat's
 * {@code [name]:[value]} style, so the operator can fix it from the log line alone.
 */
public final class InvalidConfigException extends Exception {

    public InvalidConfigException(String message) {
        super(message);
    }

    public InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
