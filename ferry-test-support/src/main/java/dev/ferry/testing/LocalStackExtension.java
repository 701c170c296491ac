package dev.ferry.testing;

import dev.ferry.local.LocalStack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the test stack once per build (the first test JVM starts it; later ones find it running) and
 * hands tests their endpoints and fresh databases. The stack's directory comes from the system property
 * {@code ferry.test.stateDir} (set by the build), else {@code FERRY_TEST_STACK_DIR}, else
 * {@code .ferry/test-stack} under the working directory. {@code scripts/test} stops it at the end.
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            LocalStackExtension.class);
    private static volatile TestStack running;

    @Override
    public void beforeAll(ExtensionContext context) {
        stack();
    }

    static synchronized TestStack stack() {
        if (running == null) {
            LocalStack stack = new LocalStack(stateDir());
            stack.start(List.of(), Map.of(), result -> { });
            running = TestStack.of(stack);
        }
        return running;
    }

    static Path stateDir() {
        String property = System.getProperty("ferry.test.stateDir");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("FERRY_TEST_STACK_DIR");
        return Path.of(env != null && !env.isBlank() ? env : ".ferry/test-stack");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestStack.class || type == TestDatabases.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        if (parameter.getParameter().getType() == TestStack.class) {
            return stack();
        }
        // one set of databases per test method (or per class when asked for in a constructor/@BeforeAll)
        return extension.getStore(NAMESPACE).getOrComputeIfAbsent(TestDatabases.class,
                key -> new TestDatabases(stack(), extension.getRequiredTestClass().getSimpleName()),
                TestDatabases.class);
    }
}
