package dev.ferry.demo;

import java.util.SplittableRandom;

/**
 * How many items each order has, fixed up front so that the items add up to exactly the requested
 * number. Every order gets one item, and the rest are dealt out at random, which gives the familiar
 * shape: mostly two to four items, sometimes one, now and then eight. One byte per order.
 */
final class OrderPlan {

    private final byte[] itemCounts;

    private OrderPlan(byte[] itemCounts) {
        this.itemCounts = itemCounts;
    }

    static OrderPlan of(DemoSize size, long seed) {
        int orders = Math.toIntExact(size.orders());
        byte[] counts = new byte[orders];
        java.util.Arrays.fill(counts, (byte) 1);
        SplittableRandom random = Seeds.stream(seed, Seeds.ORDER_PLAN);
        for (long left = size.orderItems() - orders; left > 0; left--) {
            int order = random.nextInt(orders);
            // a full order passes its item to the next one; only tiny sizes come near the byte limit
            while (counts[order] == Byte.MAX_VALUE) {
                order = (order + 1) % orders;
            }
            counts[order]++;
        }
        return new OrderPlan(counts);
    }

    long orders() {
        return itemCounts.length;
    }

    /** Items of the order with this id (ids start at 1). */
    int items(long orderId) {
        return itemCounts[(int) (orderId - 1)];
    }
}
