package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.FerryException;
import org.junit.jupiter.api.Test;

class DemoSizeTest {

    @Test
    void defaultDerivesTheShopFromAMillionItems() {
        DemoSize size = DemoSize.DEFAULT;
        assertThat(size.orderItems()).isEqualTo(1_000_000);
        assertThat(size.users()).isEqualTo(50_000);
        assertThat(size.products()).isEqualTo(2_000);
        assertThat(size.sellers()).isEqualTo(200);
        assertThat(size.orders()).isEqualTo(333_333);
        assertThat(size.legacyInvoices()).isEqualTo(100_000);
        assertThat(size.postgresRows()).isEqualTo(1_000_000 + 333_333 + 50_000 + 2_000 + 200);
    }

    @Test
    void smallSizesKeepACatalogAndAtLeastOneOfEverything() {
        DemoSize tiny = DemoSize.ofOrderItems(2);
        assertThat(tiny.products()).isEqualTo(200);
        assertThat(tiny.sellers()).isEqualTo(20);
        assertThat(tiny.users()).isEqualTo(1);
        assertThat(tiny.orders()).isEqualTo(1);
        assertThat(tiny.legacyCustomers()).isEqualTo(10);
    }

    @Test
    void rejectsSizesOutsideTheRange() {
        assertThatThrownBy(() -> DemoSize.ofOrderItems(0)).isInstanceOf(FerryException.class)
                .hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> DemoSize.ofOrderItems(DemoSize.MAX_ORDER_ITEMS + 1)).isInstanceOf(FerryException.class);
    }
}
