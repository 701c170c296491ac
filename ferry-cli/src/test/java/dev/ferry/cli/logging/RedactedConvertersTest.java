package dev.ferry.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** Log lines of any library show URLs without their credentials, in the message and in a logged stack trace. */
class RedactedConvertersTest {

    @Test
    void messagesAndStackTracesAreRedacted() {
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger("org.example.Driver");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN,
                "connecting to {} failed", new IllegalStateException("refused by https://h/?access_token=t0ken"),
                new Object[] {"http://app:s3cr3t@db:8123/"});

        RedactedMessageConverter message = new RedactedMessageConverter();
        message.setContext(context);
        message.start();
        assertThat(message.convert(event)).isEqualTo("connecting to http://app:****@db:8123/ failed");

        RedactedThrowableConverter throwable = new RedactedThrowableConverter();
        throwable.setContext(context);
        throwable.start();
        assertThat(throwable.convert(event)).contains("refused by https://h/?access_token=****")
                .doesNotContain("t0ken");
    }
}
