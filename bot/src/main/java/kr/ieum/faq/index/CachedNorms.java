package kr.ieum.faq.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FilterDirectoryReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.util.FixedBitSet;

/**
 * A reader of the answer index whose norms (each phrasing's length, for BM25) are read once per segment and field into
 * an array. Every locale's fields share one index, so a field is present in a small share of its documents and Lucene
 * stores its norms sparsely: finding a document's norm scans the field's document list, and each term of a query scans
 * it again. That was a third of a search's time on the real knowledge base (a JFR profile of {@code bench/run load}).
 * The arrays give the same values at once. The index is sorted by locale, so a field's documents are one run and its
 * array spans that run only.
 */
final class CachedNorms extends FilterDirectoryReader {
    /** Per segment, per field: the norms read so far. */
    private final PerSegment<Map<String, Norms>> cache;

    static DirectoryReader wrap(DirectoryReader reader) throws IOException {
        return new CachedNorms(reader, new PerSegment<>());
    }

    private CachedNorms(DirectoryReader in, PerSegment<Map<String, Norms>> cache) throws IOException {
        super(in, new SubReaderWrapper() {
            @Override
            public LeafReader wrap(LeafReader reader) {
                return new Leaf(reader, cache);
            }
        });
        this.cache = cache;
    }

    @Override
    protected DirectoryReader doWrapDirectoryReader(DirectoryReader in) throws IOException {
        return new CachedNorms(in, cache);
    }

    @Override
    public IndexReader.CacheHelper getReaderCacheHelper() {
        // same documents, same values: what is cached for the wrapped reader holds for this one
        return in.getReaderCacheHelper();
    }

    /** One segment, with its norms from arrays. */
    private static final class Leaf extends FilterLeafReader {
        private final PerSegment<Map<String, Norms>> cache;

        Leaf(LeafReader in, PerSegment<Map<String, Norms>> cache) {
            super(in);
            this.cache = cache;
        }

        @Override
        public NumericDocValues getNormValues(String field) throws IOException {
            Map<String, Norms> norms = cache.get(in, r -> new ConcurrentHashMap<>());
            Norms n = norms.get(field);
            if (n == null) {
                NumericDocValues values = in.getNormValues(field);
                if (values == null) {
                    return null;
                }
                try {
                    n = norms.computeIfAbsent(field, f -> read(values));
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
            return n.iterator();
        }

        private static Norms read(NumericDocValues values) {
            try {
                int first = values.nextDoc();
                if (first == NumericDocValues.NO_MORE_DOCS) {
                    return new Norms(0, new byte[0], null, new FixedBitSet(1));
                }
                long[] buffer = new long[64];
                FixedBitSet present = new FixedBitSet(64);
                int last = first;
                boolean bytes = true;
                for (int doc = first; doc != NumericDocValues.NO_MORE_DOCS; doc = values.nextDoc()) {
                    int at = doc - first;
                    if (at >= buffer.length) {
                        int size = Math.max(at + 1, buffer.length * 2);
                        buffer = java.util.Arrays.copyOf(buffer, size);
                        present = FixedBitSet.ensureCapacity(present, size);
                    }
                    long value = values.longValue();
                    buffer[at] = value;
                    bytes &= value == (byte) value;
                    present.set(at);
                    last = doc;
                }
                int length = last - first + 1;
                if (!bytes) {
                    return new Norms(first, null, java.util.Arrays.copyOf(buffer, length), present);
                }
                // BM25's norms are one byte each (the length, coded): kept as bytes, an eighth of the memory
                byte[] small = new byte[length];
                for (int i = 0; i < length; i++) {
                    small[i] = (byte) buffer[i];
                }
                return new Norms(first, small, null, present);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public CacheHelper getCoreCacheHelper() {
            return in.getCoreCacheHelper();
        }

        @Override
        public CacheHelper getReaderCacheHelper() {
            return in.getReaderCacheHelper();
        }
    }

    /**
     * A field's norms over the run of documents from {@code first}: the values (in {@code small} when each fits in a byte,
     * else in {@code large}) and whether the document has one.
     */
    private record Norms(int first, byte[] small, long[] large, FixedBitSet present) {
        NumericDocValues iterator() {
            int length = small != null ? small.length : large.length;
            return new NumericDocValues() {
                private int doc = -1;

                @Override
                public long longValue() {
                    return small != null ? small[doc - first] : large[doc - first];
                }

                @Override
                public boolean advanceExact(int target) {
                    doc = target;
                    int at = target - first;
                    return at >= 0 && at < length && present.get(at);
                }

                @Override
                public int docID() {
                    return doc;
                }

                @Override
                public int nextDoc() {
                    return advance(doc + 1);
                }

                @Override
                public int advance(int target) {
                    int at = Math.max(0, target - first);
                    int next = at >= length ? NO_MORE_DOCS : present.nextSetBit(at);
                    doc = next == NO_MORE_DOCS || next >= length ? NO_MORE_DOCS : first + next;
                    return doc;
                }

                @Override
                public long cost() {
                    return length;
                }
            };
        }
    }
}
