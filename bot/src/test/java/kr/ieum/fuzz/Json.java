package kr.ieum.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON document as the fuzzer builds and bends it: an object keeps its fields in order and may hold a name twice,
 * a {@link Raw} value is written as it is (a number out of range, a bare word, a nest ten thousand deep). Strings are
 * written as UTF-8, except a lone surrogate, which only an escape can carry.
 */
final class Json {
    private Json() {}

    /** One field of an object. */
    static final class Field {
        String name;
        Object value;

        Field(String name, Object value) {
            this.name = name;
            this.value = value;
        }
    }

    /** An object: fields in order, names not necessarily unique. */
    static final class Obj {
        final List<Field> fields = new ArrayList<>();

        Object get(String name) {
            for (Field f : fields) {
                if (f.name.equals(name)) {
                    return f.value;
                }
            }
            return null;
        }
    }

    /** Text written verbatim. */
    record Raw(String text) {}

    static Obj obj(Object... namesAndValues) {
        Obj o = new Obj();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            o.fields.add(new Field((String) namesAndValues[i], namesAndValues[i + 1]));
        }
        return o;
    }

    static List<Object> arr(Object... items) {
        List<Object> list = new ArrayList<>();
        for (Object item : items) {
            list.add(item);
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    static Object copy(Object v) {
        if (v instanceof Obj o) {
            Obj c = new Obj();
            o.fields.forEach(f -> c.fields.add(new Field(f.name, copy(f.value))));
            return c;
        }
        if (v instanceof List<?> l) {
            List<Object> c = new ArrayList<>(l.size());
            ((List<Object>) l).forEach(x -> c.add(copy(x)));
            return c;
        }
        return v;
    }

    /** About how many characters {@code v} writes to, counting no further than {@code cap}. */
    static long size(Object v, long cap) {
        if (v instanceof String str) {
            return str.length() + 2;
        }
        if (v instanceof Raw raw) {
            return raw.text().length();
        }
        long n = 2;
        if (v instanceof Obj o) {
            for (int i = 0; i < o.fields.size() && n < cap; i++) {
                n += o.fields.get(i).name.length() + 4 + size(o.fields.get(i).value, cap - n);
            }
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size() && n < cap; i++) {
                n += 1 + size(l.get(i), cap - n);
            }
        } else {
            n = 5;
        }
        return n;
    }

    static String write(Object v) {
        StringBuilder out = new StringBuilder();
        write(v, out);
        return out.toString();
    }

    private static void write(Object v, StringBuilder out) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Raw r) {
            out.append(r.text());
        } else if (v instanceof String s) {
            string(s, out);
        } else if (v instanceof Number || v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof Obj o) {
            out.append('{');
            for (int i = 0; i < o.fields.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(o.fields.get(i).name, out);
                out.append(':');
                write(o.fields.get(i).value, out);
            }
            out.append('}');
        } else if (v instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(l.get(i), out);
            }
            out.append(']');
        } else {
            string(String.valueOf(v), out);
        }
    }

    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || (Character.isSurrogate(c) && !pair)) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (pair) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
