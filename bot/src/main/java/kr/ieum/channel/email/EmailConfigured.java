package kr.ieum.channel.email;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.value.PropertyResolver;
import java.util.List;

/** True when the mailbox and SMTP settings the channel needs are all set (fail closed otherwise). */
public final class EmailConfigured implements Condition {
    static final List<String> REQUIRED = List.of("imap-host", "imap-user", "imap-password", "smtp-host", "from");

    @Override
    public boolean matches(ConditionContext context) {
        if (!(context.getBeanContext() instanceof PropertyResolver properties)) {
            return false;
        }
        for (String name : REQUIRED) {
            String value = properties.getProperty("ieum.channels.email." + name, String.class).orElse("");
            if (value.isBlank()) {
                context.fail("ieum.channels.email." + name + " is not set");
                return false;
            }
        }
        return true;
    }
}
