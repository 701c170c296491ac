package dev.ferry.demo;

/**
 * One order with its items, reused from order to order so that generating millions of items makes no
 * garbage. The total is summed from the items, so it always matches them.
 */
final class OrderDraft {

    long id;
    long userId;
    String status;
    long createdAt;
    long updatedAt;
    int itemCount;
    int[] productIds = new int[Byte.MAX_VALUE];
    int[] quantities = new int[Byte.MAX_VALUE];
    long[] unitPriceCents = new long[Byte.MAX_VALUE];

    long totalCents() {
        long total = 0;
        for (int i = 0; i < itemCount; i++) {
            total += quantities[i] * unitPriceCents[i];
        }
        return total;
    }
}
