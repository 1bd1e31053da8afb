package io.github.telegrammcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;

class HeapCompactionTest {

    private static final long MB = 1024 * 1024;

    /** An old generation that holds {@code used} now and held {@code live} after its last collection (null: none). */
    private static MemoryPoolMXBean pool(long used, Long live) {
        return (MemoryPoolMXBean) Proxy.newProxyInstance(HeapCompactionTest.class.getClassLoader(),
                new Class<?>[] { MemoryPoolMXBean.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getUsage" -> new MemoryUsage(0, used, 64 * MB, 256 * MB);
                    case "getCollectionUsage" -> live == null ? null : new MemoryUsage(0, live, 64 * MB, 256 * MB);
                    case "getName" -> "Tenured Gen";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void collectsOnceGarbageHasPiledUpSinceTheLastCollection() {
        assertTrue(new HeapCompaction(pool(35 * MB, 17 * MB)).worthCollecting());
        assertTrue(new HeapCompaction(pool(21 * MB, 17 * MB)).worthCollecting());
    }

    @Test
    void leavesAHeapAloneThatHasNotGrownMuch() {
        assertFalse(new HeapCompaction(pool(20 * MB, 17 * MB)).worthCollecting());
        assertFalse(new HeapCompaction(pool(17 * MB, 17 * MB)).worthCollecting());
    }

    @Test
    void countsEverythingAsGrowthBeforeTheFirstCollection() {
        assertTrue(new HeapCompaction(pool(5 * MB, null)).worthCollecting());
        assertFalse(new HeapCompaction(pool(3 * MB, null)).worthCollecting());
    }

    @Test
    void doesNothingWithoutTheSerialCollectorsOldGeneration() {
        assertFalse(new HeapCompaction(null).worthCollecting());
    }
}
