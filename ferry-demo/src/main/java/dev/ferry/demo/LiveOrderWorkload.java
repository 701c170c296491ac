package dev.ferry.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;

/**
 * A live shop on the demo's PostgreSQL tables, for the CDC demo: each step is one transaction that places
 * an order with its items, moves an order along new → paid → shipped → delivered, cancels one (its items
 * are deleted) or changes a product's price. So the stream carries inserts, updates and deletes.
 */
public final class LiveOrderWorkload implements AutoCloseable {

    private static final String[] NEXT_STATUS = {"new", "paid", "shipped", "delivered"};

    private final Connection conn;
    private final SplittableRandom random;
    private final long maxUser;
    private final int maxProduct;
    private final PreparedStatement newOrder;
    private final PreparedStatement newItem;
    private final PreparedStatement total;
    private final PreparedStatement advance;
    private final PreparedStatement cancel;
    private final PreparedStatement dropItems;
    private final PreparedStatement reprice;
    private long changes;

    public LiveOrderWorkload(Connection conn, long seed) throws SQLException {
        this.conn = conn;
        this.random = new SplittableRandom(seed);
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT max(id) FROM users), (SELECT max(id) FROM products)")) {
            rs.next();
            maxUser = rs.getLong(1);
            maxProduct = rs.getInt(2);
        }
        conn.commit();
        newOrder = conn.prepareStatement("INSERT INTO orders (user_id, status, total, created_at, updated_at) "
                + "VALUES (?, 'new', 0, now(), now()) RETURNING id");
        newItem = conn.prepareStatement("INSERT INTO order_items (order_id, product_id, quantity, unit_price, "
                + "created_at, updated_at) SELECT ?, id, ?, price, now(), now() FROM products WHERE id = ?");
        total = conn.prepareStatement("UPDATE orders SET total = (SELECT coalesce(sum(quantity * unit_price), 0) "
                + "FROM order_items WHERE order_id = ?), updated_at = now() WHERE id = ?");
        advance = conn.prepareStatement("UPDATE orders SET status = ?, updated_at = now() WHERE id = (SELECT id FROM "
                + "orders WHERE status = ? ORDER BY id DESC LIMIT 1 OFFSET ?)");
        cancel = conn.prepareStatement("UPDATE orders SET status = 'cancelled', updated_at = now() WHERE id = (SELECT "
                + "id FROM orders WHERE status = 'new' ORDER BY id DESC LIMIT 1 OFFSET ?) RETURNING id");
        dropItems = conn.prepareStatement("DELETE FROM order_items WHERE order_id = ?");
        reprice = conn.prepareStatement("UPDATE products SET price = greatest(1, round(price * ?, 2)), "
                + "updated_at = now() WHERE id = ?");
    }

    /** Rows changed so far. */
    public long changes() {
        return changes;
    }

    /** One transaction of the shop's life. */
    public void step() throws SQLException {
        int kind = random.nextInt(100);
        if (kind < 50) {
            placeOrder();
        } else if (kind < 85) {
            int from = random.nextInt(NEXT_STATUS.length - 1);
            advance.setString(1, NEXT_STATUS[from + 1]);
            advance.setString(2, NEXT_STATUS[from]);
            advance.setInt(3, random.nextInt(50));
            changes += advance.executeUpdate();
        } else if (kind < 95) {
            cancel.setInt(1, random.nextInt(50));
            try (ResultSet rs = cancel.executeQuery()) {
                if (rs.next()) {
                    changes++;
                    dropItems.setLong(1, rs.getLong(1));
                    changes += dropItems.executeUpdate();
                }
            }
        } else {
            reprice.setBigDecimal(1, BigDecimal.valueOf(90 + random.nextInt(21), 2));
            reprice.setInt(2, 1 + random.nextInt(maxProduct));
            changes += reprice.executeUpdate();
        }
        conn.commit();
    }

    private void placeOrder() throws SQLException {
        newOrder.setLong(1, 1 + random.nextLong(maxUser));
        long order;
        try (ResultSet rs = newOrder.executeQuery()) {
            rs.next();
            order = rs.getLong(1);
        }
        int items = 1 + random.nextInt(4);
        for (int i = 0; i < items; i++) {
            newItem.setLong(1, order);
            newItem.setInt(2, 1 + random.nextInt(3));
            newItem.setInt(3, 1 + random.nextInt(maxProduct));
            changes += newItem.executeUpdate();
        }
        total.setLong(1, order);
        total.setLong(2, order);
        changes += 1 + total.executeUpdate();
    }

    @Override
    public void close() throws SQLException {
        conn.rollback();
    }
}
