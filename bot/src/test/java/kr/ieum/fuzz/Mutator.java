package kr.ieum.fuzz;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Bends a valid payload into the body the fuzzer sends: most bodies keep their shape and get odd words (so they reach
 * the conversation); others lose, repeat or swap fields, change types, nest ten thousand deep, grow past the size
 * limit, or are broken at the byte level (truncated, not UTF-8, flipped). Every choice comes from the caller's
 * {@link SplittableRandom}, so a body is reproduced from its seed. {@link #notes} names what was done (never the body).
 */
final class Mutator {
    /** Beyond this (characters, about bytes) a body only costs time to make: the service refuses anything over 1 MB. */
    private static final long MAX_DOCUMENT = 3_000_000;
    private final SplittableRandom r;
    /** About one request in eight is left valid (fresh ids only), so that every route also sees what it expects. */
    private final boolean pristine;
    final List<String> notes = new ArrayList<>();

    Mutator(SplittableRandom r) {
        this.r = r;
        this.pristine = r.nextInt(100) < 12;
    }

    // ---------------------------------------------------------------- JSON

    /** The JSON body: {@code seed} (not changed) bent, then written and perhaps broken. */
    byte[] json(Object seed) {
        Object doc = Json.copy(seed);
        int kind = 12 + r.nextInt(88);
        if (pristine) {
            notes.add("valid");
        } else if (kind < 57) {
            int n = 1 + r.nextInt(2);
            for (int i = 0; i < n; i++) {
                doc = bendText(doc);
            }
        } else if (kind < 84) {
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                doc = structural(doc);
            }
        } else {
            return bytes(Json.write(doc).getBytes(StandardCharsets.UTF_8));
        }
        return Json.write(doc).getBytes(StandardCharsets.UTF_8);
    }

    private Object bendText(Object doc) {
        List<Slot> strings = slots(doc).stream().filter(s -> s.get() instanceof String).toList();
        if (strings.isEmpty()) {
            return structural(doc);
        }
        Slot s = strings.get(r.nextInt(strings.size()));
        notes.add("text");
        s.set(Nasty.value(r));
        return doc;
    }

    private Object structural(Object doc) {
        if (Json.size(doc, MAX_DOCUMENT) >= MAX_DOCUMENT) {
            return doc;
        }
        List<Slot> all = slots(doc);
        int op = r.nextInt(100);
        if (all.isEmpty() || op < 3) {
            notes.add("replace-document");
            return anyValue(3);
        }
        Slot s = all.get(r.nextInt(all.size()));
        if (op < 18) {
            notes.add("delete");
            s.remove();
        } else if (op < 30) {
            notes.add("duplicate");
            s.duplicate(r.nextBoolean() ? Json.copy(s.get()) : anyValue(2));
        } else if (op < 38) {
            Slot other = all.get(r.nextInt(all.size()));
            if (!contains(s.get(), other) && !contains(other.get(), s)) {
                notes.add("swap");
                Object a = s.get();
                s.set(other.get());
                other.set(a);
            }
        } else if (op < 58) {
            notes.add("retype");
            s.set(anyValue(2));
        } else if (op < 66) {
            notes.add("number");
            s.set(new Json.Raw(Nasty.number(r)));
        } else if (op < 74) {
            notes.add("rename");
            s.rename(r.nextBoolean() ? Nasty.string(r) : Nasty.mix(r));
        } else if (op < 80) {
            notes.add("wrap");
            s.set(r.nextBoolean() ? Json.arr(s.get()) : Json.obj("value", s.get()));
        } else if (op < 86) {
            int depth = new int[] {100, 1_000, 10_000, 10_000, 100_000}[r.nextInt(5)];
            notes.add("deep-" + depth);
            s.set(deep(depth));
        } else if (op < 92) {
            int n = new int[] {10, 100, 1_000, 5_000}[r.nextInt(4)];
            n = (int) Math.max(2, Math.min(n, MAX_DOCUMENT / Math.max(1, Json.size(s.get(), MAX_DOCUMENT))));
            notes.add("wide-" + n);
            s.set(wide(s.get(), n));
        } else if (op < 96) {
            notes.add("huge");
            s.set(Nasty.huge(r));
        } else {
            notes.add("empty-container");
            s.set(r.nextBoolean() ? Json.arr() : Json.obj());
        }
        return doc;
    }

    private Object anyValue(int depth) {
        return switch (r.nextInt(depth > 0 ? 9 : 6)) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> r.nextInt() / (1 + r.nextInt(1000));
            case 3 -> new Json.Raw(Nasty.number(r));
            case 4 -> Nasty.string(r);
            case 5 -> Nasty.value(r);
            case 6 -> Json.arr(anyValue(depth - 1), anyValue(depth - 1));
            case 7 -> Json.obj(Nasty.string(r), anyValue(depth - 1));
            default -> Json.obj("text", Nasty.value(r), "id", anyValue(depth - 1));
        };
    }

    private Json.Raw deep(int depth) {
        boolean arrays = r.nextInt(3) > 0;
        StringBuilder b = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++) {
            b.append(arrays ? "[" : "{\"a\":");
        }
        b.append(r.nextBoolean() ? "1" : "\"x\"");
        for (int i = 0; i < depth; i++) {
            b.append(arrays ? ']' : '}');
        }
        return new Json.Raw(b.toString());
    }

    private Object wide(Object v, int n) {
        if (v instanceof Json.Obj o && !o.fields.isEmpty()) {
            Json.Obj wide = new Json.Obj();
            for (int i = 0; i < n; i++) {
                Json.Field f = o.fields.get(i % o.fields.size());
                wide.fields.add(new Json.Field(r.nextBoolean() ? f.name : f.name + i, Json.copy(f.value)));
            }
            return wide;
        }
        List<Object> list = new ArrayList<>(n);
        Object item = v instanceof List<?> l && !l.isEmpty() ? l.get(0) : v;
        for (int i = 0; i < n; i++) {
            list.add(Json.copy(item));
        }
        return list;
    }

    private static boolean contains(Object tree, Slot slot) {
        if (tree == null) {
            return false;
        }
        Object[] found = {null};
        walk(tree, s -> {
            if (s.same(slot)) {
                found[0] = s;
            }
        });
        return found[0] != null;
    }

    /** A place in the document that holds a value. */
    private interface Slot {
        Object get();

        void set(Object v);

        void remove();

        void duplicate(Object v);

        void rename(String name);

        boolean same(Slot other);
    }

    private record FieldSlot(Json.Obj owner, Json.Field field) implements Slot {
        public Object get() {
            return field.value;
        }

        public void set(Object v) {
            field.value = v;
        }

        public void remove() {
            owner.fields.remove(field);
        }

        public void duplicate(Object v) {
            owner.fields.add(owner.fields.indexOf(field) + 1, new Json.Field(field.name, v));
        }

        public void rename(String name) {
            field.name = name;
        }

        public boolean same(Slot other) {
            return other instanceof FieldSlot f && f.field == field;
        }
    }

    private record ItemSlot(List<Object> owner, int index) implements Slot {
        public Object get() {
            return index < owner.size() ? owner.get(index) : null;
        }

        public void set(Object v) {
            if (index < owner.size()) {
                owner.set(index, v);
            }
        }

        public void remove() {
            if (index < owner.size()) {
                owner.remove(index);
            }
        }

        public void duplicate(Object v) {
            owner.add(Math.min(index + 1, owner.size()), v);
        }

        public void rename(String name) {
            set(Json.obj(name, get()));
        }

        public boolean same(Slot other) {
            return other instanceof ItemSlot i && i.owner == owner && i.index == index;
        }
    }

    private static List<Slot> slots(Object doc) {
        List<Slot> out = new ArrayList<>();
        walk(doc, out::add);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object v, Consumer<Slot> visit) {
        if (v instanceof Json.Obj o) {
            for (Json.Field f : o.fields) {
                visit.accept(new FieldSlot(o, f));
                walk(f.value, visit);
            }
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                visit.accept(new ItemSlot((List<Object>) l, i));
                walk(l.get(i), visit);
            }
        }
    }

    // ---------------------------------------------------------------- forms

    /** An {@code application/x-www-form-urlencoded} body from {@code seed} (name, value pairs; not changed). */
    byte[] form(List<String[]> seed) {
        List<String[]> fields = new ArrayList<>();
        seed.forEach(f -> fields.add(f.clone()));
        int kind = 12 + r.nextInt(88);
        if (pristine) {
            notes.add("valid");
            return encode(fields).getBytes(StandardCharsets.UTF_8);
        }
        if (kind < 57) {
            int n = 1 + r.nextInt(2);
            for (int i = 0; i < n && !fields.isEmpty(); i++) {
                notes.add("text");
                fields.get(r.nextInt(fields.size()))[1] = Nasty.value(r);
            }
            return encode(fields).getBytes(StandardCharsets.UTF_8);
        }
        if (kind < 84) {
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                formStructural(fields);
            }
            return r.nextInt(4) == 0 ? badlyEncoded(fields) : encode(fields).getBytes(StandardCharsets.UTF_8);
        }
        return bytes(encode(fields).getBytes(StandardCharsets.UTF_8));
    }

    private void formStructural(List<String[]> fields) {
        int op = r.nextInt(100);
        int at = fields.isEmpty() ? 0 : r.nextInt(fields.size());
        if (fields.isEmpty() || op < 20) {
            notes.add("add-field");
            fields.add(at, new String[] {Nasty.string(r), Nasty.value(r)});
        } else if (op < 35) {
            notes.add("delete");
            fields.remove(at);
        } else if (op < 55) {
            notes.add("repeat-key");
            String[] f = fields.get(at);
            fields.add(r.nextInt(fields.size() + 1), new String[] {f[0], r.nextBoolean() ? f[1] : Nasty.value(r)});
        } else if (op < 63) {
            notes.add("swap");
            String[] a = fields.get(at);
            String[] b = fields.get(r.nextInt(fields.size()));
            String v = a[1];
            a[1] = b[1];
            b[1] = v;
        } else if (op < 71) {
            notes.add("rename");
            fields.get(at)[0] = r.nextBoolean() ? Nasty.string(r) : fields.get(at)[0].toLowerCase(java.util.Locale.ROOT);
        } else if (op < 79) {
            notes.add("number");
            fields.get(at)[1] = Nasty.number(r);
        } else if (op < 85) {
            notes.add("huge");
            fields.get(at)[1] = Nasty.huge(r);
        } else if (op < 91) {
            int n = new int[] {100, 1_000, 20_000}[r.nextInt(3)];
            notes.add("many-fields-" + n);
            for (int i = 0; i < n; i++) {
                fields.add(new String[] {"f" + i, "v"});
            }
        } else {
            notes.add("empty-value");
            fields.get(at)[1] = "";
        }
    }

    static String encode(List<String[]> fields) {
        StringBuilder b = new StringBuilder();
        for (String[] f : fields) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(URLEncoder.encode(f[0], StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(f[1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** Encodings a form decoder must refuse or survive: bad escapes, raw bytes, missing '=', odd separators. */
    private byte[] badlyEncoded(List<String[]> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] escapes = {"%", "%G1", "%E0%A4", "%FF%FE", "%00", "%C0%80", "%ED%A0%80", "+", "%2", "%%", "%u0041"};
        notes.add("bad-encoding");
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.writeBytes(r.nextInt(10) == 0 ? new byte[] {';'} : r.nextInt(10) == 0 ? "&&".getBytes(StandardCharsets.US_ASCII)
                        : new byte[] {'&'});
            }
            String[] f = fields.get(i);
            out.writeBytes(URLEncoder.encode(f[0], StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII));
            if (r.nextInt(8) != 0) {
                out.write(r.nextInt(12) == 0 ? '?' : '=');
            }
            String value = URLEncoder.encode(f[1], StandardCharsets.UTF_8);
            switch (r.nextInt(4)) {
                case 0 -> out.writeBytes((value + escapes[r.nextInt(escapes.length)]).getBytes(StandardCharsets.US_ASCII));
                case 1 -> {
                    out.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
                    out.writeBytes(Nasty.badBytes(r));
                }
                case 2 -> out.writeBytes(f[1].getBytes(StandardCharsets.UTF_8));
                default -> out.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- bytes

    /** Breaks a body at the byte level. */
    byte[] bytes(byte[] body) {
        int op = r.nextInt(100);
        if (op < 22) {
            int at = body.length == 0 ? 0 : r.nextInt(body.length);
            notes.add("truncate");
            return Arrays.copyOf(body, at);
        }
        if (op < 50) {
            notes.add("insert-bad-utf8");
            return insert(body, Nasty.badBytes(r));
        }
        if (op < 62) {
            notes.add("flip");
            byte[] b = body.clone();
            for (int i = 0, n = 1 + r.nextInt(8); i < n && b.length > 0; i++) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            return b;
        }
        if (op < 70) {
            notes.add("repeat-chunk");
            if (body.length == 0) {
                return body;
            }
            int from = r.nextInt(body.length);
            int to = Math.min(body.length, from + 1 + r.nextInt(64));
            return insert(body, Arrays.copyOfRange(body, from, to));
        }
        if (op < 76) {
            notes.add("bom");
            return insert(body, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, 0);
        }
        if (op < 82) {
            notes.add("utf16");
            return new String(body, StandardCharsets.UTF_8).getBytes(r.nextBoolean() ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16);
        }
        if (op < 88) {
            notes.add("random-bytes");
            byte[] b = new byte[r.nextInt(2048)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) r.nextInt(256);
            }
            return b;
        }
        String[] whole = {"", "null", "[]", "{}", "\"x\"", "0", "-1", "true", " ", "{", "[", "\"", "}", "{\"\":}", "[1,]", "{,}",
                "{\"a\":1,}", "\u0000", "a=b", "<xml/>"};
        notes.add("replace-body");
        return whole[r.nextInt(whole.length)].getBytes(StandardCharsets.UTF_8);
    }

    private byte[] insert(byte[] body, byte[] what) {
        return insert(body, what, body.length == 0 ? 0 : r.nextInt(body.length + 1));
    }

    private static byte[] insert(byte[] body, byte[] what, int at) {
        byte[] out = new byte[body.length + what.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(body, at, out, at + what.length, body.length - at);
        return out;
    }

    // ---------------------------------------------------------------- requests

    /** The Content-Type to send: usually {@code valid}; sometimes none, another type, or a broken one. */
    String contentType(String valid) {
        int op = r.nextInt(100);
        if (op >= 7 || pristine) {
            return valid;
        }
        String[] others = {null, "text/plain", "application/xml", "multipart/form-data", "multipart/form-data; boundary=x",
                "application/json; charset=iso-8859-1", "application/json; charset=utf-16", "application/json; charset=nonsense",
                "application/x-www-form-urlencoded", "application/json", "*/*", ";;;", "application/", "text/html; charset=utf-8",
                "application/x-www-form-urlencoded; charset=utf-8", "APPLICATION/JSON"};
        String chosen = others[r.nextInt(others.length)];
        notes.add("content-type");
        return chosen;
    }

    /** A query or path value: usually {@code valid}, else a resident's text, a nasty string or random characters. */
    String value(String valid) {
        int op = r.nextInt(100);
        if (op < 35 || pristine) {
            return valid;
        }
        if (op < 55) {
            notes.add("value");
            return Nasty.string(r);
        }
        if (op < 70) {
            notes.add("value");
            return valid + Nasty.string(r);
        }
        if (op < 85) {
            notes.add("value");
            return Nasty.mix(r);
        }
        if (op < 97) {
            notes.add("value");
            return Nasty.text(r);
        }
        notes.add("huge-value");
        return "x".repeat(new int[] {1_000, 9_000, 70_000}[r.nextInt(3)]);
    }

    boolean chance(int percent) {
        return r.nextInt(100) < percent;
    }

    /** Whether this request is to stay valid. */
    boolean pristine() {
        return pristine;
    }

    int nextInt(int bound) {
        return r.nextInt(bound);
    }

    String note() {
        return String.join(",", notes);
    }
}
