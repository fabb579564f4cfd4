package kr.ieum.faq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import kr.ieum.content.ContentPublished;
import kr.ieum.content.ContentService;
import kr.ieum.content.Localization;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.UntranslatedTopic;
import org.junit.jupiter.api.Test;

/** The answer index never goes back to an older text than the one it holds, whatever order publishes arrive in. */
@MicronautTest
class PublishOrderIT extends ServiceTest {
    private static final String NEW_PHRASE = "quokka wombat numbat umbrella";

    @Inject
    FaqService faq;
    @Inject
    ContentService content;
    @Inject
    ApplicationEventPublisher<ContentPublished> events;
    @Inject
    DataSource dataSource;

    @Test
    void aReloadThatArrivesAfterAPublishDoesNotPutTheOlderTextBack() {
        try (UntranslatedTopic topic = UntranslatedTopic.publish(content, dataSource)) {
            Localization first = content.published(UntranslatedTopic.ID, "en").orElseThrow();
            List<String> alternates = new ArrayList<>(first.alternates());
            alternates.add(NEW_PHRASE);
            Localization second = new Localization(first.topic(), first.locale(), first.question(), alternates, first.answer(), first.sms(),
                    first.status(), first.revision() + 1, first.sourceRevision(), first.translatedFrom(), first.links());
            content.publish(second, "test");
            assertEquals(UntranslatedTopic.ID, answered(faq.ask(NEW_PHRASE, "en")), "the new alternate is searchable at once");
            // a replica's reload after its listener reconnected: read before the publish, delivered after it
            events.publishEvent(new ContentPublished(List.of(first)));
            assertEquals(UntranslatedTopic.ID, answered(faq.ask(NEW_PHRASE, "en")), "the newer text stays");
            // a newer one still goes in
            Localization third = new Localization(first.topic(), first.locale(), first.question(), first.alternates(), first.answer(),
                    first.sms(), first.status(), first.revision() + 2, first.sourceRevision(), first.translatedFrom(), first.links());
            content.publish(third, "test");
            assertEquals(null, answered(faq.ask(NEW_PHRASE, "en")), "the alternate taken out again is gone");
        }
    }

    private static String answered(FaqResult result) {
        return result.outcome() == FaqResult.Outcome.ANSWERED ? result.topic() : null;
    }
}
