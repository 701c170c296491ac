package dev.ferry.cli.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ferry.core.net.UrlRedaction;

/**
 * {@code %msg} with the credentials of every URL in it masked: log lines of libraries (drivers, Debezium,
 * the Kafka client) name endpoints by URL too, and Ferry does not build those messages itself.
 */
public final class RedactedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return UrlRedaction.redactAll(super.convert(event));
    }
}
