package kr.ieum.conversation;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import kr.ieum.faq.FaqService;
import kr.ieum.i18n.Messages;
import kr.ieum.language.LanguageResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readies what a resident's first message needs once the server is up, on a thread of its own: the turn's beans with
 * the language models they load (the character n-gram models, OpenNLP's), and each locale's text analysis (ICU break
 * iterators and their dictionaries for Thai, Khmer, Myanmar, Japanese ...), all made on first use. Without it the first
 * message after a start waited for all of that: 2 to 3.5 s on this 2-core machine under load, within reach of Kakao's
 * 5-second limit for a skill's answer. Nothing is stored: the languages are detected and the answer index is asked, as
 * a turn would, but no turn runs. {@code ieum.warm-up.enabled=false} turns it off.
 */
@Singleton
@Requires(property = "ieum.warm-up.enabled", notEquals = "false")
final class WarmUp implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private final BeanProvider<ConversationEngine> engine;
    private final BeanProvider<LanguageResolver> languages;
    private final BeanProvider<FaqService> faq;
    private final Messages messages;
    /** The locales the start's warm-up readied, once it is over (exceptionally when it stopped). */
    private final CompletableFuture<Integer> finished = new CompletableFuture<>();
    /**
     * Set when the service begins to stop: the warm-up then asks for no more beans, since one asked for while the context
     * closes its beans is made anew (a data source, its migrations) against a database that is stopping.
     */
    private volatile boolean stopping;

    WarmUp(BeanProvider<ConversationEngine> engine, BeanProvider<LanguageResolver> languages, BeanProvider<FaqService> faq,
            Messages messages) {
        this.engine = engine;
        this.languages = languages;
        this.faq = faq;
        this.messages = messages;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        Thread thread = new Thread(() -> {
            try {
                finished.complete(run());
            } catch (RuntimeException e) {
                // the service is stopping (beans closed under the warm-up), or something the first turn will report
                LOG.debug("warm-up stopped: {}", e.getClass().getName());
                finished.completeExceptionally(e);
            }
        }, "warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    @io.micronaut.runtime.event.annotation.EventListener
    void onShutdown(io.micronaut.context.event.ShutdownEvent event) {
        stopping = true;
    }

    private void goOn() {
        if (stopping) {
            throw new java.util.concurrent.CancellationException("the service is stopping");
        }
    }

    /** Readies every locale; answers how many. */
    int run() {
        long start = System.nanoTime();
        goOn();
        engine.get();
        goOn();
        LanguageResolver resolver = languages.get();
        goOn();
        FaqService answers = faq.get();
        int locales = 0;
        for (String tag : messages.locales().tags()) {
            goOn();
            // the language's own name in its own script (locales/): the script each locale's analysis is for
            String sample = messages.locales().get(tag).endonym();
            resolver.resolve(sample, null, false, null);
            answers.ask(sample, tag);
            locales++;
        }
        LOG.info("Ready for first messages in every language in {} ms (language models loaded, text analysis set up)",
                (System.nanoTime() - start) / 1_000_000);
        return locales;
    }

    CompletableFuture<Integer> finished() {
        return finished;
    }
}
