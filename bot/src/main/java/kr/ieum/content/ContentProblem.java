package kr.ieum.content;

/** A problem in a content file, reported as {@code file:line: message}. */
public record ContentProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
