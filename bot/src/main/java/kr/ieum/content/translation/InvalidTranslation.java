package kr.ieum.content.translation;

import java.util.List;

/** A translation file that is not applied, with every problem found (each naming its unit id where it has one). */
public class InvalidTranslation extends RuntimeException {
    private final List<String> problems;

    public InvalidTranslation(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
