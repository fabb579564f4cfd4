package kr.ieum.content;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import kr.ieum.platform.ProjectPaths;

/** Where the knowledge-base files live: {@code ieum.content.path} (env {@code IEUM_CONTENT_PATH}), default {@code content}. */
@ConfigurationProperties("ieum.content")
public record ContentProperties(@Bindable(defaultValue = "") String path) {

    public Path directory() {
        return ProjectPaths.resolve(path, "content");
    }
}
