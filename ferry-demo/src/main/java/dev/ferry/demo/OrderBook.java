package dev.ferry.demo;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns an order id into a complete order. Everything about the order comes from a random stream of its
 * own (seed, id), so the orders pass and the order-items pass of the load see identical orders.
 */
final class OrderBook {

    /** Orders grow over time: with this exponent the last months see more orders than the first. */
    private static final double GROWTH = 0.8;
    private static final long MINUTE = 60;
    private static final long HOUR = 3600;
    private static final long DAY = 86_400;

    private final long seed;
    private final Timeline timeline;
    private final OrderPlan plan;
    private final long[] userSignups;
    private final long[] productPriceCents;

    /**
     * @param userSignups       sign-up second of user {@code i + 1}, ascending (ids follow sign-up order)
     * @param productPriceCents current price of product {@code i + 1}
     */
    OrderBook(long seed, Timeline timeline, OrderPlan plan, long[] userSignups, long[] productPriceCents) {
        this.seed = seed;
        this.timeline = timeline;
        this.plan = plan;
        this.userSignups = userSignups;
        this.productPriceCents = productPriceCents;
    }

    long orders() {
        return plan.orders();
    }

    void fill(OrderDraft order, long orderId) {
        SplittableRandom random = Seeds.stream(seed, Seeds.ORDERS, orderId);
        order.id = orderId;
        // ids follow time, as they would in a real shop: order k falls in the k-th slot of the period
        double slot = (orderId - 1 + random.nextDouble()) / plan.orders();
        order.createdAt = timeline.ordersFrom()
                + (long) (Math.pow(slot, GROWTH) * (timeline.end() - timeline.ordersFrom()));
        order.userId = 1 + random.nextLong(signedUpBy(order.createdAt));
        long age = timeline.end() - order.createdAt;
        order.status = status(random, age);
        order.updatedAt = Math.min(timeline.end() - 1, order.createdAt + Math.min(age, delay(random, order.status)));
        order.itemCount = plan.items(orderId);
        for (int i = 0; i < order.itemCount; i++) {
            int product = pickProduct(random);
            long price = productPriceCents[product - 1];
            order.productIds[i] = product;
            order.quantities[i] = quantity(random);
            // some items were bought on sale, so the price paid differs from the list price
            order.unitPriceCents[i] = random.nextInt(100) < 12 ? Math.max(1, Math.round(price * 0.85)) : price;
        }
    }

    /** How many users had signed up at {@code time}; at least the first user, who joined before any order. */
    private long signedUpBy(long time) {
        int found = Arrays.binarySearch(userSignups, time);
        int count = found >= 0 ? found + 1 : -found - 1;
        while (found >= 0 && count < userSignups.length && userSignups[count] == time) {
            count++;
        }
        return Math.max(1, count);
    }

    /** Recent orders are still in progress; older ones were delivered or cancelled. */
    private static String status(SplittableRandom random, long age) {
        int dice = random.nextInt(100);
        if (dice < 5) {
            return "cancelled";
        }
        if (age < HOUR) {
            return dice < 70 ? "new" : "paid";
        }
        if (age < 2 * DAY) {
            return dice < 10 ? "new" : dice < 65 ? "paid" : "shipped";
        }
        if (age < 7 * DAY) {
            return dice < 60 ? "shipped" : "delivered";
        }
        return "delivered";
    }

    /** How long after creation an order in this status was last changed. */
    private static long delay(SplittableRandom random, String status) {
        return switch (status) {
            case "new" -> 0;
            case "paid" -> random.nextLong(MINUTE, HOUR);
            case "shipped" -> random.nextLong(DAY, 2 * DAY);
            case "delivered" -> random.nextLong(3 * DAY, 7 * DAY);
            default -> random.nextLong(HOUR, 2 * DAY); // cancelled
        };
    }

    /** A few bestsellers and a long tail: part uniform, part skewed towards the first products. */
    private int pickProduct(SplittableRandom random) {
        int products = productPriceCents.length;
        if (random.nextInt(10) < 6) {
            return 1 + random.nextInt(products);
        }
        double u = random.nextDouble();
        return 1 + (int) (products * u * u);
    }

    private static int quantity(SplittableRandom random) {
        int dice = random.nextInt(100);
        return dice < 75 ? 1 : dice < 92 ? 2 : dice < 98 ? 3 : 4 + random.nextInt(7);
    }
}
