package dev.ferry.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams rows out of ClickHouse's {@code TabSeparated} output. Hand-written because reads must work on
 * every server version: client-v2's typed readers need {@code RowBinaryWithNamesAndTypes}, which old
 * servers (18.x) lack, while TabSeparated with its small escaping rules is understood everywhere.
 * {@code \N} is SQL NULL and comes back as {@code null}.
 */
public final class TabSeparatedReader {

    private TabSeparatedReader() {
    }

    public static void read(InputStream in, Consumer<List<String>> rowConsumer) {
        try {
            byte[] buffer = new byte[64 * 1024];
            java.io.ByteArrayOutputStream field = new java.io.ByteArrayOutputStream();
            List<String> row = new ArrayList<>();
            boolean escaped = false;
            boolean nullField = false;
            boolean anyByteInRow = false;
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (escaped) {
                        escaped = false;
                        if (b == 'N' && field.size() == 0) {
                            nullField = true;
                        } else {
                            field.write(unescape(b));
                        }
                        continue;
                    }
                    switch (b) {
                        case '\\' -> {
                            escaped = true;
                            anyByteInRow = true;
                        }
                        case '\t' -> {
                            row.add(nullField ? null : field.toString(StandardCharsets.UTF_8));
                            field.reset();
                            nullField = false;
                            anyByteInRow = true;
                        }
                        case '\n' -> {
                            row.add(nullField ? null : field.toString(StandardCharsets.UTF_8));
                            field.reset();
                            nullField = false;
                            anyByteInRow = false;
                            rowConsumer.accept(row);
                            row = new ArrayList<>();
                        }
                        default -> {
                            field.write(b);
                            anyByteInRow = true;
                        }
                    }
                }
            }
            if (anyByteInRow) {
                row.add(nullField ? null : field.toString(StandardCharsets.UTF_8));
                rowConsumer.accept(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading ClickHouse TabSeparated output failed", e);
        }
    }

    public static List<List<String>> readAll(InputStream in) {
        List<List<String>> rows = new ArrayList<>();
        read(in, rows::add);
        return rows;
    }

    private static int unescape(byte b) {
        return switch (b) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case '0' -> 0;
            case 'a' -> 7;
            case 'v' -> 11;
            default -> b; // \\ \' and anything else stand for themselves
        };
    }
}
