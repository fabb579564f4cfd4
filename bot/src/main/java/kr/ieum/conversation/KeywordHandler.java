package kr.ieum.conversation;

import jakarta.inject.Singleton;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kr.ieum.enrollment.JourneyService;
import kr.ieum.enrollment.JourneyTurn;
import kr.ieum.enrollment.StartCode;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.i18n.Messages;
import kr.ieum.i18n.SupportedLocale;
import kr.ieum.outreach.Campaign;
import kr.ieum.outreach.CampaignStore;
import kr.ieum.outreach.OutreachProperties;

/**
 * Keyword entry for feature phones: "ID VI", "ID 베트남어", "ID Tiếng Việt" or a campaign's own keyword (alone or with a
 * language) starts the enrollment guide in that language, attributed to the campaign. The language word may be a tag,
 * the language's own name, or its Korean or English name; without one, the campaign's first language, the contact's
 * language, or English when a lone keyword says nothing about it.
 */
@Singleton
class KeywordHandler implements TurnHandler {
    private static final String JOURNEY = "mobile-id-enrollment";
    private static final java.util.regex.Pattern KEYWORD = java.util.regex.Pattern.compile("[A-Za-z0-9]{1,32}");
    private final OutreachProperties outreach;
    private final CampaignStore campaigns;
    private final JourneyService journeys;
    private final Messages messages;
    private final Replies replies;
    private final Clock clock;
    private final TopicOpener topics;

    KeywordHandler(OutreachProperties outreach, CampaignStore campaigns, JourneyService journeys, Messages messages, Replies replies,
            Clock clock, TopicOpener topics) {
        this.topics = topics;
        this.outreach = outreach;
        this.campaigns = campaigns;
        this.journeys = journeys;
        this.messages = messages;
        this.replies = replies;
        this.clock = clock;
    }

    @Override
    public int getOrder() {
        return 25;
    }

    @Override
    public boolean canHandle(TurnContext turn) {
        return turn.text().length() <= 60 && !turn.text().isBlank();
    }

    @Override
    public TurnStep handle(TurnContext turn) {
        String[] parts = turn.text().strip().split("\\s+", 2);
        String keyword = parts[0];
        String rest = parts.length > 1 ? parts[1] : null;
        if (rest == null && turn.contact().menuKind() != null) {
            return null; // a lone word answers the question the resident was asked ("Ansan" at the office step)
        }
        // what needs no database first: a second part that is not a language makes it a question ("ID card lost")
        Optional<String> named = rest == null ? Optional.empty() : language(rest);
        if (rest != null && named.isEmpty()) {
            return null;
        }
        boolean general = keyword.equalsIgnoreCase(outreach.smsKeyword());
        if (!general && !KEYWORD.matcher(keyword).matches()) {
            return null; // campaign keywords are letters and digits only (CampaignPages)
        }
        Optional<Campaign> campaign = general ? Optional.empty()
                : campaigns.byKeyword(keyword).filter(c -> c.runningOn(LocalDate.now(clock.withZone(ZoneId.of("Asia/Seoul")))));
        if (!general && campaign.isEmpty()) {
            return null;
        }
        String language = named.orElseGet(() -> campaign.filter(c -> !c.languages().isEmpty()).map(c -> c.languages().get(0))
                .orElse(turn.unsure() ? "en" : turn.language()));
        if (campaign.isPresent() && campaign.get().topic() != null) {
            // a campaign that opens a topic answers it, in that language, and counts the resident for the campaign
            Optional<TurnStep> opened = topics.open(turn.contact().withLanguage(language, true), campaign.get().topic(), language,
                    campaign.get().code());
            if (opened.isPresent()) {
                return opened.get();
            }
        }
        String code = StartCode.of(JOURNEY, campaign.map(Campaign::journeyStep).orElse(null), campaign.map(Campaign::code).orElse(null),
                language).map(StartCode::text).orElse(null);
        if (code == null) {
            return null;
        }
        Optional<JourneyTurn> started = journeys.code(new JourneyService.Who(turn.contact().id(), language, turn.in().channel()), code);
        return started.map(t -> replies.journey(turn.contact().withLanguage(language, true), language, t, null)).orElse(null);
    }

    /** The language a word names: a tag ("vi"), its own name ("Tiếng Việt"), or its Korean or English name ("베트남어"). */
    private Optional<String> language(String word) {
        return Optional.ofNullable(languageNames().get(fold(word)));
    }

    /** Every name of every language, folded, to its tag; built once per locale registry (ICU names are costly to make). */
    private Map<String, String> languageNames() {
        LocaleRegistry registry = messages.locales();
        NameTable table = names;
        if (table == null || table.registry() != registry) {
            Map<String, String> byName = new HashMap<>();
            for (SupportedLocale l : registry.all()) {
                for (String name : List.of(l.tag(), l.tag().split("-")[0], l.endonym(), messages.languageName(l.tag(), "ko"),
                        messages.languageName(l.tag(), "en"), messages.languageName(l.tag(), l.tag()))) {
                    byName.putIfAbsent(fold(name), l.tag());
                }
            }
            table = new NameTable(registry, Map.copyOf(byName));
            names = table;
        }
        return table.byName();
    }

    private record NameTable(LocaleRegistry registry, Map<String, String> byName) {}

    private volatile NameTable names;

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replaceAll("[\\s\\p{P}]+", "");
    }
}
