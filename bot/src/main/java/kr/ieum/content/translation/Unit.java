package kr.ieum.content.translation;

/**
 * One translatable text of one topic, as a translation agency sees it: {@code <topic>/question}, {@code <topic>/sms},
 * {@code <topic>/answer} or {@code <topic>/alternate/<n>}.
 *
 * @param state  what the target is today: {@code missing}, {@code machine}, {@code stale} or {@code reviewed}
 * @param target the current translation, or empty when there is none
 */
public record Unit(String id, String state, String source, String target) {

    public String topic() {
        return id.substring(0, id.indexOf('/'));
    }

    public String field() {
        String rest = id.substring(id.indexOf('/') + 1);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
