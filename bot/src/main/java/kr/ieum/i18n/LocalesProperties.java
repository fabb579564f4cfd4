package kr.ieum.i18n;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import kr.ieum.platform.ProjectPaths;
import java.nio.file.Path;

/**
 * Where the bot's words live: {@code ieum.locales.path} (env {@code IEUM_LOCALES_PATH}); by default
 * {@code locales} in the working directory, or {@code ../locales} when run from a module folder.
 */
@ConfigurationProperties("ieum.locales")
public record LocalesProperties(@Bindable(defaultValue = "") String path) {

    public Path directory() {
        return ProjectPaths.resolve(path, "locales");
    }
}
