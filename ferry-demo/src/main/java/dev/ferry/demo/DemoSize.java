package dev.ferry.demo;

import dev.ferry.core.FerryException;

/**
 * How much demo data to generate. Everything is derived from the number of order items so that one
 * number scales the whole shop (and the legacy system) with realistic proportions.
 */
public record DemoSize(long orderItems) {

    /** The default demo: a million order items, about 333k orders and 50k users. */
    public static final DemoSize DEFAULT = new DemoSize(1_000_000);

    /** Upper bound: the order plan keeps one byte per order in memory, and a demo should stay a demo. */
    public static final long MAX_ORDER_ITEMS = 100_000_000L;

    public DemoSize {
        if (orderItems < 1 || orderItems > MAX_ORDER_ITEMS) {
            throw new FerryException("demo size must be between 1 and " + MAX_ORDER_ITEMS
                    + " order items, not " + orderItems);
        }
    }

    public static DemoSize ofOrderItems(long orderItems) {
        return new DemoSize(orderItems);
    }

    public long users() {
        return Math.max(1, orderItems / 20);
    }

    public int products() {
        return (int) Math.max(200, orderItems / 500);
    }

    public int sellers() {
        return (int) Math.max(20, orderItems / 5000);
    }

    /** About three items per order; never more orders than items, since every order has at least one. */
    public long orders() {
        return Math.max(1, orderItems / 3);
    }

    /** Customers of the legacy (MariaDB) back office. */
    public long legacyCustomers() {
        return Math.max(10, orderItems / 100);
    }

    /** Invoices of the legacy (MariaDB) back office. */
    public long legacyInvoices() {
        return Math.max(1, orderItems / 10);
    }

    /** Rows {@link DemoDataGenerator#generatePostgres} writes. */
    public long postgresRows() {
        return sellers() + users() + products() + orders() + orderItems;
    }

    /** Rows {@link DemoDataGenerator#generateMariaDb} writes. */
    public long mariaDbRows() {
        return legacyCustomers() + legacyInvoices();
    }
}
