package kr.ieum.i18n;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Loads the locale registry and the message catalog once, from the configured locales folder. */
@Factory
class I18nFactory {

    @Singleton
    LocaleRegistry localeRegistry(LocalesProperties properties) {
        return LocalesLoader.registry(properties.directory());
    }

    @Singleton
    Messages messages(LocaleRegistry registry, LocalesProperties properties) {
        return LocalesLoader.messages(registry, properties.directory());
    }
}
