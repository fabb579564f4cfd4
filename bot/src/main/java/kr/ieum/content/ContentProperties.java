package kr.ieum.content;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import kr.ieum.platform.ProjectPaths;

/**
 * Where the knowledge-base files live: {@code ieum.content.path} (env {@code IEUM_CONTENT_PATH}), default {@code content};
 * and what happens at start-up to files changed since the database last changed their topic
 * ({@code ieum.content.import-on-start}, env {@code IEUM_CONTENT_IMPORT_ON_START}): {@code publish} them (default),
 * make them {@code draft}s in review, or {@code off}.
 */
@ConfigurationProperties("ieum.content")
public record ContentProperties(@Bindable(defaultValue = "") String path, @Bindable(defaultValue = "publish") String importOnStart) {

    public static final String PUBLISH = "publish";
    public static final String DRAFT = "draft";
    public static final String OFF = "off";

    public Path directory() {
        return ProjectPaths.resolve(path, "content");
    }
}
