package kr.ieum.content;

/**
 * A knowledge-base topic ({@code content/topics.yaml}).
 *
 * @param category groups topics on the answer pages and in the console; {@link #DECLINE} marks questions Ieum
 *                 recognises as outside what it knows (its text says where to ask instead)
 * @param menu     true when the topic is in the numbered MENU
 * @param position its place in topics.yaml (menu order)
 */
public record Topic(String id, String category, boolean menu, int position) {

    public static final String DECLINE = "decline";
}
