package kr.ieum.console;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code ieum.console.*}: failed logins before an account is locked ({@code max-failures}, default 5) and for how
 * long ({@code lockout}, default 15 minutes).
 */
@ConfigurationProperties("ieum.console")
public record ConsoleProperties(@Bindable(defaultValue = "5") int maxFailures,
        @Bindable(defaultValue = "15m") Duration lockout) {}
