package kr.ieum.bench;

/**
 * Heap in use after a full collection: {@code System.gc()} a few times (with pauses) until the figure settles,
 * then {@code totalMemory - freeMemory}. A difference of two such readings is what a loaded object keeps alive.
 */
final class Heap {
    private Heap() {}

    static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            try {
                Thread.sleep(80);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long used = rt.totalMemory() - rt.freeMemory();
            if (Math.abs(last - used) < 256 * 1024) {
                return used;
            }
            last = used;
        }
        return last;
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
