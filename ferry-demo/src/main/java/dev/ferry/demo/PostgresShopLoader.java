package dev.ferry.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes the shop's rows with COPY, table by table in dependency order. Only what later tables need is
 * kept in memory (sign-up times of users, prices of products); everything else streams.
 */
final class PostgresShopLoader {

    private final Connection connection;
    private final DemoSize size;
    private final long seed;
    private final Timeline timeline;
    private final Progress progress;

    PostgresShopLoader(Connection connection, DemoSize size, long seed, Timeline timeline, Progress progress) {
        this.connection = connection;
        this.size = size;
        this.seed = seed;
        this.timeline = timeline;
        this.progress = progress;
    }

    void load() throws SQLException {
        loadSellers();
        long[] signups = loadUsers();
        long[] prices = loadProducts();
        OrderBook book = new OrderBook(seed, timeline, OrderPlan.of(size, seed), signups, prices);
        loadOrders(book);
        loadOrderItems(book);
    }

    private void loadSellers() throws SQLException {
        SplittableRandom random = Seeds.stream(seed, Seeds.SELLERS);
        try (PgCopyWriter copy = new PgCopyWriter(connection, "public.sellers", "id, name, country, rating, created_at")) {
            for (int id = 1; id <= size.sellers(); id++) {
                String name = Vocabulary.pick(random, Vocabulary.COMPANY_WORDS) + " "
                        + Vocabulary.pick(random, Vocabulary.COMPANY_NOUNS) + " "
                        + Vocabulary.pick(random, Vocabulary.COMPANY_SUFFIXES);
                copy.number(id).text(name).plain(Vocabulary.pick(random, Vocabulary.COUNTRIES));
                if (random.nextInt(20) == 0) {
                    copy.plain(null); // new sellers have no rating yet
                } else {
                    copy.cents(random.nextLong(300, 501));
                }
                copy.timestamp(Timeline.between(random, timeline.sellersFrom(), timeline.productsFrom())).endRow();
                progress.add(1);
            }
            copy.finish();
        }
    }

    /** Returns each user's sign-up second; ids are handed out in sign-up order, as a sequence would. */
    private long[] loadUsers() throws SQLException {
        SplittableRandom random = Seeds.stream(seed, Seeds.USERS);
        int users = Math.toIntExact(size.users());
        long[] signups = new long[users];
        double slot = (double) (timeline.end() - timeline.usersFrom()) / users;
        try (PgCopyWriter copy = new PgCopyWriter(connection, "public.users",
                "id, email, full_name, city, is_active, signup_date, created_at, updated_at")) {
            for (int id = 1; id <= users; id++) {
                // the first user joins at the very start, so every order finds someone who placed it
                long signup = timeline.usersFrom() + (long) ((id - 1 + (id == 1 ? 0 : random.nextDouble())) * slot);
                signups[id - 1] = signup;
                String first = Vocabulary.pick(random, Vocabulary.FIRST_NAMES);
                String last = Vocabulary.pick(random, Vocabulary.LAST_NAMES);
                String city = random.nextInt(100) < 8 ? null : Vocabulary.pick(random, Vocabulary.CITIES);
                long updated = random.nextInt(100) < 35 ? signup : timeline.later(random, signup, timeline.end() - signup);
                copy.number(id).text(email(first, last, id)).text(first + " " + last).text(city)
                        .bool(random.nextInt(100) < 93).date(signup).timestamp(signup).timestamp(updated).endRow();
                progress.add(1);
            }
            copy.finish();
        }
        return signups;
    }

    /** Returns each product's price in cents. */
    private long[] loadProducts() throws SQLException {
        SplittableRandom random = Seeds.stream(seed, Seeds.PRODUCTS);
        long[] prices = new long[size.products()];
        try (PgCopyWriter copy = new PgCopyWriter(connection, "public.products",
                "id, seller_id, sku, name, category, price, tags, attributes, created_at, updated_at")) {
            for (int id = 1; id <= prices.length; id++) {
                Category category = Category.pick(random);
                prices[id - 1] = category.price(random);
                String name = Vocabulary.pick(random, Vocabulary.ADJECTIVES) + " "
                        + Vocabulary.pick(random, category.nouns) + " " + (char) ('A' + random.nextInt(26))
                        + (100 + random.nextInt(900));
                long created = Timeline.between(random, timeline.productsFrom(), timeline.ordersFrom());
                copy.number(id).number(1 + random.nextInt(size.sellers())).plain(uuid(random).toString())
                        .text(name).text(category.label).cents(prices[id - 1])
                        .text(random.nextInt(100) < 15 ? null : CopyText.arrayLiteral(tags(random, category)))
                        .text(random.nextInt(100) < 10 ? null : category.attributesJson(random))
                        .timestamp(created).timestamp(timeline.later(random, created, timeline.end() - created))
                        .endRow();
                progress.add(1);
            }
            copy.finish();
        }
        return prices;
    }

    private void loadOrders(OrderBook book) throws SQLException {
        OrderDraft order = new OrderDraft();
        try (PgCopyWriter copy = new PgCopyWriter(connection, "public.orders",
                "id, user_id, status, total, created_at, updated_at")) {
            for (long id = 1; id <= book.orders(); id++) {
                book.fill(order, id);
                copy.number(id).number(order.userId).plain(order.status).cents(order.totalCents())
                        .timestamp(order.createdAt).timestamp(order.updatedAt).endRow();
                progress.add(1);
            }
            copy.finish();
        }
    }

    /** Items are written in order of their orders, so item ids grow with time as well. */
    private void loadOrderItems(OrderBook book) throws SQLException {
        OrderDraft order = new OrderDraft();
        long itemId = 0;
        try (PgCopyWriter copy = new PgCopyWriter(connection, "public.order_items",
                "id, order_id, product_id, quantity, unit_price, created_at, updated_at")) {
            for (long id = 1; id <= book.orders(); id++) {
                book.fill(order, id);
                for (int i = 0; i < order.itemCount; i++) {
                    copy.number(++itemId).number(id).number(order.productIds[i]).number(order.quantities[i])
                            .cents(order.unitPriceCents[i]).timestamp(order.createdAt).timestamp(order.createdAt)
                            .endRow();
                }
                progress.add(order.itemCount);
            }
            copy.finish();
        }
    }

    private static List<String> tags(SplittableRandom random, Category category) {
        List<String> tags = new ArrayList<>(3);
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String tag = Vocabulary.pick(random, category.tags);
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return tags;
    }

    /** Emails are ASCII even for names like "Łukasz" or "Юлия"; the id keeps them unique. */
    static String email(String first, String last, long id) {
        String local = java.util.stream.Stream.of(ascii(first), ascii(last)).filter(s -> !s.isEmpty())
                .collect(java.util.stream.Collectors.joining("."));
        return (local.isEmpty() ? "user" : local) + id + "@example.com";
    }

    private static String ascii(String name) {
        String folded = Normalizer.normalize(name.replace("ł", "l").replace("Ł", "L"), Normalizer.Form.NFD);
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    /** A random (version 4) UUID drawn from the seeded stream instead of the system's secure random. */
    private static UUID uuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
