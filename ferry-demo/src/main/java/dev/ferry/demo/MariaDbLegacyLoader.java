package dev.ferry.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * Fills the legacy back office: customers, then their invoices. Names and notes mix languages, emoji and
 * quotes, the way years of hand-typed back-office data do.
 */
final class MariaDbLegacyLoader {

    /** ~1000 rows per statement keeps packets well below max_allowed_packet and round trips few. */
    private static final int ROWS_PER_STATEMENT = 1000;
    private static final int ROWS_PER_COMMIT = 10_000;
    private static final long DAY = 86_400;

    static final List<String> SPECIAL_NAMES = List.of("ООО «Ромашка»", "Кофейня ☕ Уют", "Pizza 🍕 Planet",
            "Café Zoë 🚲", "Магазин №5", "Rocket Parts 🚀 Ltd", "Łódź Trading Sp. z o.o.", "Smith & Sons \"Tools\"");

    private static final List<String> NOTES = List.of("Paid by bank transfer", "Customer asked for a \"paper\" copy",
            "Rabatt 5 % – Stammkunde", "Delivery address changed.\nSee ticket #4411", "Счёт выставлен повторно",
            "Partial payment\t(50%)", "Backslash in path C:\\invoices\\2021");

    private static final List<String> CURRENCIES = List.of("EUR", "EUR", "EUR", "USD", "USD", "GBP", "PLN", "SEK");

    private final Connection connection;
    private final DemoSize size;
    private final long seed;
    private final long from;
    private final long end;
    private final Progress progress;

    MariaDbLegacyLoader(Connection connection, DemoSize size, long seed, LocalDateTime end, Progress progress) {
        this.connection = connection;
        this.size = size;
        this.seed = seed;
        this.from = TextValues.epochSecond(end.minusYears(5));
        this.end = TextValues.epochSecond(end);
        this.progress = progress;
    }

    void load() throws SQLException {
        long[] customerSince = loadCustomers();
        loadInvoices(customerSince);
    }

    /** Returns when each customer was created, so that invoices come after their customer. */
    private long[] loadCustomers() throws SQLException {
        SplittableRandom random = Seeds.stream(seed, Seeds.CUSTOMERS);
        long[] created = new long[Math.toIntExact(size.legacyCustomers())];
        try (MultiRowInserter insert = new MultiRowInserter(connection, "customers", List.of("id", "code", "name",
                "segment", "flags", "balance", "created_at", "updated_at"), ROWS_PER_STATEMENT, ROWS_PER_COMMIT)) {
            for (int id = 1; id <= created.length; id++) {
                created[id - 1] = Timeline.between(random, from, end - 180 * DAY);
                int segment = random.nextInt(100);
                insert.row(id, String.format("C%07d", id), customerName(random),
                        segment < 80 ? "retail" : segment < 95 ? "wholesale" : "vip", flags(random),
                        BigDecimal.valueOf(random.nextLong(-50_000, 2_000_000), 2),
                        TextValues.dateTime(created[id - 1]),
                        TextValues.dateTime(created[id - 1] + random.nextLong(end - created[id - 1])));
                progress.add(1);
            }
            insert.finish();
        }
        return created;
    }

    private void loadInvoices(long[] customerSince) throws SQLException {
        SplittableRandom random = Seeds.stream(seed, Seeds.INVOICES);
        try (MultiRowInserter insert = new MultiRowInserter(connection, "invoices", List.of("id", "customer_id",
                "invoice_no", "amount", "currency", "paid", "issued_on", "year_of", "notes", "metadata", "created_at",
                "updated_at"), ROWS_PER_STATEMENT, ROWS_PER_COMMIT)) {
            for (long id = 1; id <= size.legacyInvoices(); id++) {
                int customer = 1 + random.nextInt(customerSince.length);
                long issued = Timeline.between(random, customerSince[customer - 1], end);
                LocalDateTime issuedAt = TextValues.dateTime(issued);
                boolean old = end - issued > 60 * DAY;
                long updated = issued + random.nextLong(Math.min(end - issued, 90 * DAY));
                insert.row(id, customer, "INV-" + issuedAt.getYear() + "-" + String.format("%07d", id),
                        BigDecimal.valueOf(random.nextLong(1_000, 500_000), 2), Vocabulary.pick(random, CURRENCIES),
                        random.nextInt(100) < (old ? 95 : 50), issuedAt.toLocalDate(), issuedAt.getYear(),
                        random.nextInt(100) < 60 ? null : Vocabulary.pick(random, NOTES), metadata(random),
                        issuedAt, TextValues.dateTime(updated));
                progress.add(1);
            }
            insert.finish();
        }
    }

    private static String customerName(SplittableRandom random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return Vocabulary.pick(random, SPECIAL_NAMES);
        }
        if (kind < 4) {
            return Vocabulary.pick(random, Vocabulary.COMPANY_WORDS) + " " + Vocabulary.pick(random, Vocabulary.COMPANY_NOUNS)
                    + " " + Vocabulary.pick(random, Vocabulary.COMPANY_SUFFIXES);
        }
        return Vocabulary.pick(random, Vocabulary.FIRST_NAMES) + " " + Vocabulary.pick(random, Vocabulary.LAST_NAMES);
    }

    /** A SET value: NULL for customers never asked, '' for those who opted out of everything. */
    private static String flags(SplittableRandom random) {
        if (random.nextInt(10) == 0) {
            return null;
        }
        StringJoiner flags = new StringJoiner(",");
        for (String flag : List.of("newsletter", "sms", "push")) {
            if (random.nextBoolean()) {
                flags.add(flag);
            }
        }
        return flags.toString();
    }

    private static String metadata(SplittableRandom random) {
        if (random.nextInt(10) < 3) {
            return null;
        }
        return "{\"source\": \"" + (random.nextBoolean() ? "erp" : "webshop") + "\", \"terms\": \"net"
                + (15 * (1 + random.nextInt(4))) + "\", \"lines\": " + (1 + random.nextInt(12)) + "}";
    }
}
