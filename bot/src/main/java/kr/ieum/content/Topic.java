package kr.ieum.content;

/**
 * A knowledge-base topic ({@code content/topics.yaml}).
 *
 * @param category groups topics on the answer pages and in the console; {@link #DECLINE} marks questions Ieum
 *                 recognises as outside what it knows (its text says where to ask instead)
 * @param menu     true when the topic is in the numbered MENU
 * @param position its place in topics.yaml (menu order)
 * @param parent   null, or the topic of the content outline that this one refines (say, "face check fails" within
 *                 troubleshooting): its own text answers, and it is reported under the parent's fixed id
 */
public record Topic(String id, String category, boolean menu, int position, String parent) {

    public static final String DECLINE = "decline";

    public Topic(String id, String category, boolean menu, int position) {
        this(id, category, menu, position, null);
    }

    /** The id this topic is reported under: its parent's, or its own. */
    public String family() {
        return parent == null ? id : parent;
    }
}
