package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class OrderPlanTest {

    @Test
    void itemsAddUpExactlyAndEveryOrderHasOne() {
        for (long items : new long[] {1, 2, 5, 3000, 100_001}) {
            DemoSize size = DemoSize.ofOrderItems(items);
            OrderPlan plan = OrderPlan.of(size, 42);
            assertThat(plan.orders()).isEqualTo(size.orders());
            long sum = LongStream.rangeClosed(1, plan.orders()).map(plan::items).sum();
            assertThat(sum).as("items for %d", items).isEqualTo(items);
            assertThat(LongStream.rangeClosed(1, plan.orders()).map(plan::items).min().orElseThrow()).isPositive();
        }
    }

    @Test
    void sameSeedSamePlanOtherSeedOtherPlan() {
        DemoSize size = DemoSize.ofOrderItems(3000);
        OrderPlan a = OrderPlan.of(size, 42);
        OrderPlan b = OrderPlan.of(size, 42);
        OrderPlan c = OrderPlan.of(size, 7);
        long[] countsA = LongStream.rangeClosed(1, a.orders()).map(a::items).toArray();
        assertThat(LongStream.rangeClosed(1, b.orders()).map(b::items).toArray()).isEqualTo(countsA);
        assertThat(LongStream.rangeClosed(1, c.orders()).map(c::items).toArray()).isNotEqualTo(countsA);
    }
}
