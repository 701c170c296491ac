package dev.ferry.cli.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ferry.core.net.UrlRedaction;

/** {@code %ex}: a logged stack trace with the credentials of the URLs in its messages masked. */
public final class RedactedThrowableConverter extends ThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return UrlRedaction.redactAll(super.convert(event));
    }
}
