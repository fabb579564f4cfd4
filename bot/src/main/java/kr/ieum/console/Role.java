package kr.ieum.console;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What a staff account may do. An account has one or more roles. */
public enum Role {
    /** drafts and edits knowledge-base texts, submits them for review */
    EDITOR,
    /** approves and publishes a locale's texts, rolls back */
    REVIEWER,
    /** answers residents handed over to a person (staff console, part 2) */
    AGENT,
    /** a community association's campaigns (outreach) */
    PARTNER,
    /** staff accounts and the audit log */
    ADMIN;

    /** The name used in tokens and {@code @Secured}: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "editor,reviewer"; fails with the unknown name. */
    public static Set<Role> parse(String list) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String part : list.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                roles.add(Role.valueOf(part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown role '" + part + "' (roles: "
                        + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", ")) + ")");
            }
        }
        return roles;
    }

    public static String format(Set<Role> roles) {
        return roles.stream().map(Role::id).collect(Collectors.joining(","));
    }
}
