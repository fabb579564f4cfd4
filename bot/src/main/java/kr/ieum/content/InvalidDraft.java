package kr.ieum.content;

import java.util.List;

/** A draft that cannot go to review or be published as it is; {@link #problems()} says why, field by field. */
public class InvalidDraft extends RuntimeException {
    private final List<String> problems;

    public InvalidDraft(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
