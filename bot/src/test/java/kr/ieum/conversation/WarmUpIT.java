package kr.ieum.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import kr.ieum.i18n.Messages;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.Test;

/** The start readies every language for a first message, and stores nothing while doing so. */
@MicronautTest
class WarmUpIT extends ServiceTest {
    @Inject
    WarmUp warmUp;
    @Inject
    Messages messages;
    @Inject
    DataSource dataSource;

    @Test
    void theStartReadiesEveryLocaleWithoutStoringAnything() throws Exception {
        int locales = messages.locales().tags().size();
        assertEquals(locales, warmUp.finished().get(120, TimeUnit.SECONDS), "the warm-up after the start went through every locale");
        String counts = "select (select count(*) from contact) || '/' || (select count(*) from turn) || '/' || (select count(*) from inbox)"
                + " || '/' || (select count(*) from outbox)";
        String before = Sql.one(dataSource, counts);
        assertEquals(locales, warmUp.run());
        assertEquals(before, Sql.one(dataSource, counts), "no contact, turn, inbox or outbox row from a warm-up");
    }
}
