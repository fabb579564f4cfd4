package kr.ieum.console;

import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a console login against the staff accounts (on the blocking executor: Argon2 and JDBC take time). After
 * {@code ieum.console.max-failures} wrong passwords in a row the account is locked for {@code ieum.console.lockout};
 * while locked even the right password is refused. Every outcome gets the same answer, so the login page tells
 * nobody which usernames exist; the audit log records what happened.
 */
@Singleton
class StaffAuthenticator<B> implements HttpRequestExecutorAuthenticationProvider<B> {
    private static final Logger LOG = LoggerFactory.getLogger(StaffAuthenticator.class);
    private final BeanProvider<AccountStore> accountStore;
    private final BeanProvider<AuditLog> auditLog;
    private final ConsoleProperties properties;
    private final Clock clock;

    /**
     * The stores come through providers: Micronaut Security instantiates authentication providers while deciding which
     * beans exist, and a JDBC store built at that moment would ask the same question again (a cycle).
     */
    StaffAuthenticator(BeanProvider<AccountStore> accounts, BeanProvider<AuditLog> audit, ConsoleProperties properties, Clock clock) {
        this.accountStore = accounts;
        this.auditLog = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request, AuthenticationRequest<String, String> login) {
        String username = login.getIdentity() == null ? "" : login.getIdentity().strip();
        String password = login.getSecret() == null ? "" : login.getSecret();
        Instant now = clock.instant();
        AccountStore accounts = accountStore.get();
        AuditLog audit = auditLog.get();
        // a name no account can have is looked up nowhere (PostgreSQL refuses a NUL in a parameter outright)
        Optional<Account> account = username.matches("[a-z0-9._-]{2,64}") ? accounts.find(username) : Optional.empty();
        boolean matches = Passwords.matches(password, account.isPresent() ? accounts.hash(username) : null);
        if (account.isEmpty()) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        Account a = account.get();
        if (a.disabled()) {
            audit.record(username, "login.refused", username, "account disabled");
            return AuthenticationResponse.failure(AuthenticationFailureReason.USER_DISABLED);
        }
        if (a.lockedAt(now)) {
            audit.record(username, "login.refused", username, "account locked until " + a.lockedUntil());
            return AuthenticationResponse.failure(AuthenticationFailureReason.ACCOUNT_LOCKED);
        }
        if (!matches) {
            int failures = accounts.failed(username, properties.maxFailures(), now.plus(properties.lockout()));
            boolean locked = failures >= properties.maxFailures();
            audit.record(username, locked ? "login.locked" : "login.failed", username, failures + " failed in a row");
            if (locked) {
                LOG.warn("Console account locked after {} failed logins", failures);
            }
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        accounts.succeeded(username, now);
        audit.record(username, "login", username, null);
        return AuthenticationResponse.success(username, a.roles().stream().map(Role::id).toList(),
                Map.of("name", a.displayName()));
    }
}
