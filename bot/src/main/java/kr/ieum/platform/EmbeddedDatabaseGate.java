package kr.ieum.platform;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Holds the datasource back until the embedded PostgreSQL that {@link DatabaseBootstrap#propertiesStarting} started
 * alongside the context is up: its pool connects (and Flyway migrates) as soon as it exists. Passes at once with
 * {@code DATABASE_URL} or when the server is already up; a server that failed to start fails the context's start
 * with its reason.
 */
@Singleton
final class EmbeddedDatabaseGate implements BeanCreatedEventListener<DatasourceConfiguration> {
    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatabaseBootstrap.awaitEmbedded();
        return event.getBean();
    }
}
