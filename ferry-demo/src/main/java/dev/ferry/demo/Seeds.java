package dev.ferry.demo;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from one seed. Each table (and each order) gets its own stream, so
 * a row depends only on the seed and its id: generating orders and then their items in a second pass
 * yields the very same items.
 */
final class Seeds {

    static final long SELLERS = 1;
    static final long USERS = 2;
    static final long PRODUCTS = 3;
    static final long ORDER_PLAN = 4;
    static final long ORDERS = 5;
    static final long CUSTOMERS = 6;
    static final long INVOICES = 7;

    private Seeds() {
    }

    static SplittableRandom stream(long seed, long stream) {
        return stream(seed, stream, 0);
    }

    /**
     * A stream for one (table, row). SplittableRandom seeds that differ by its internal step would give
     * overlapping sequences, so the inputs go through a full 64-bit mix first.
     */
    static SplittableRandom stream(long seed, long stream, long index) {
        return new SplittableRandom(mix(mix(seed ^ mix(stream)) + index));
    }

    /** The MurmurHash3 finalizer (as in SplittableRandom): spreads every input bit over the result. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
