package kr.ieum.console;

import java.time.Instant;
import java.util.Set;

/** A staff account. The password hash never leaves {@link AccountStore}. */
public record Account(long id, String username, String displayName, Set<Role> roles, int failedLogins,
        Instant lockedUntil, boolean disabled, Instant createdAt, Instant lastLogin) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
