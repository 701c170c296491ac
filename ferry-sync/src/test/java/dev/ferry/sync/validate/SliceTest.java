package dev.ferry.sync.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SliceTest {

    @Test
    void everyKeyFallsIntoExactlyOneSliceAndTheSlicesAreEvenEnough() {
        List<Slice> slices = Slice.byHash(100_000, 10_000);
        assertThat(slices).hasSize(10);
        int[] sizes = new int[slices.size()];
        java.util.Random random = new java.util.Random(13);
        for (int i = 0; i < 100_000; i++) {
            String key = i % 2 == 0 ? new UUID(random.nextLong(), random.nextLong()).toString() : Integer.toString(i);
            int holders = 0;
            for (Slice slice : slices) {
                if (slice.holds(key)) {
                    holders++;
                    sizes[slice.pass()]++;
                }
            }
            assertThat(holders).as(key).isEqualTo(1);
        }
        assertThat(java.util.Arrays.stream(sizes).boxed().toList())
                .allSatisfy(size -> assertThat(size).isBetween(9_000, 11_000));
    }

    @Test
    void deadLettersAreCollectedOncePerTable() {
        List<Slice> slices = Slice.byHash(25, 10);
        assertThat(slices).extracting(Slice::collectsDeadLetters).containsExactly(true, false, false);
        assertThat(Slice.byHash(0, 10)).singleElement().satisfies(s -> assertThat(s.describe(null))
                .isEqualTo("whole table"));
        assertThat(Slice.range(new long[] {1, 9}).collectsDeadLetters()).isTrue();
    }
}
