package kr.ieum.faq.index;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.util.IOFunction;

/**
 * Values derived from an index segment, made once and kept while the segment lives: segments never change, every reader
 * reopened after a publish shares the unchanged ones (their core), and a closed segment's value is dropped. Thread-safe.
 */
final class PerSegment<V> {
    private final Map<Object, V> values = new ConcurrentHashMap<>();

    /** The value for {@code reader}'s segment, made with {@code make} the first time (each time for a reader without a core). */
    V get(LeafReader reader, IOFunction<LeafReader, V> make) throws IOException {
        IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
        if (helper == null) {
            return make.apply(reader);
        }
        V held = values.get(helper.getKey());
        if (held != null) {
            return held;
        }
        V made = make.apply(reader);
        V raced = values.putIfAbsent(helper.getKey(), made);
        if (raced != null) {
            return raced;
        }
        helper.addClosedListener(values::remove);
        return made;
    }
}
