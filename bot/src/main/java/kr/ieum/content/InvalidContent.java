package kr.ieum.content;

import java.util.List;
import java.util.stream.Collectors;

/** The content files have problems; the message lists them as file:line: message. */
public final class InvalidContent extends RuntimeException {
    private final transient List<ContentProblem> problems;

    InvalidContent(List<ContentProblem> problems) {
        super("The content has " + problems.size() + " problems:\n"
                + problems.stream().map(ContentProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ContentProblem> problems() {
        return problems;
    }
}
