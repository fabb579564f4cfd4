package kr.ieum.enrollment;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kr.ieum.contact.Contact;
import kr.ieum.contact.ContactStore;
import kr.ieum.content.ContentService;
import kr.ieum.content.Journey;
import kr.ieum.content.JourneyStep;
import kr.ieum.content.JourneyTexts;
import kr.ieum.i18n.LocalizedText;
import kr.ieum.i18n.Messages;

/**
 * Guided journeys: starts, moves and resumes a contact's journey and says what to show. Every method runs inside the
 * caller's turn transaction (the contact's row lock is held), so a contact's journey moves one turn at a time.
 */
@Singleton
public class JourneyService {
    static final String DONE = "done";
    static final String PROBLEM = "problem";
    static final String LATER = "later";
    static final String SKIP = "skip";
    private static final String RESUME_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private final ContentService content;
    private final OfficeAnswers offices;
    private final JourneyStore store;
    private final Reminders reminders;
    private final Messages messages;
    private final EnrollmentProperties properties;
    private final Clock clock;
    private final ContactStore contacts;
    private final SecureRandom random = new SecureRandom();

    JourneyService(ContentService content, OfficeAnswers offices, JourneyStore store, Reminders reminders, Messages messages,
            EnrollmentProperties properties, Clock clock, ContactStore contacts) {
        this.content = content;
        this.contacts = contacts;
        this.offices = offices;
        this.store = store;
        this.reminders = reminders;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    /** Who is in a journey: the contact, the language this turn is in, the channel. */
    public record Who(long contactId, String locale, String channel) {}

    /** The journeys, in file order (the menu offers them). */
    public List<Journey> journeys() {
        return content.journeys();
    }

    public Optional<Journey> journey(String id) {
        return journeys().stream().filter(j -> j.id().equals(id)).findFirst();
    }

    /** The journey that a confident answer to {@code topic} starts, if any. */
    public Optional<Journey> startingOn(String topic) {
        return journeys().stream().filter(j -> j.startOn().contains(topic)).findFirst();
    }

    /** The journey an answer to {@code topic} offers, if any. */
    public Optional<Journey> offeredOn(String topic) {
        return journeys().stream().filter(j -> j.offerOn().contains(topic)).findFirst();
    }

    /** A step's words in {@code locale} (along the fallback chain), with its choices' labels, for its page. */
    public Optional<JourneyTurn.Part> stepText(Journey journey, String stepId, String locale) {
        return journey.step(stepId).map(step -> {
            JourneyTexts texts = texts(journey, locale);
            return new JourneyTurn.Part(LocalizedText.fromContent(texts.locale(), texts.steps().get(step.id()).text()),
                    choices(step, texts, locale));
        });
    }

    /** The journey's title in {@code locale} (along the fallback chain). */
    public LocalizedText title(Journey journey, String locale) {
        JourneyTexts t = texts(journey, locale);
        return LocalizedText.fromContent(t.locale(), t.title());
    }

    /** The contact's active journey, if any. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Optional<Progress> active(long contactId) {
        return store.latest(contactId).filter(Progress::active);
    }

    /**
     * As {@link #active(long)}, for a contact as a turn holds it: one that never had a journey's progress (most) is
     * answered without reading it ({@link Contact#mayHaveJourney}).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<Progress> active(Contact contact) {
        return contact.mayHaveJourney() ? active(contact.id()) : Optional.empty();
    }

    /**
     * Starts (or restarts) a journey at its start or at {@code stepId}; {@code campaign} is kept for the funnel, and a known
     * campaign that is the first to bring the contact is remembered for its partner's analytics.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public JourneyTurn start(Who who, Journey journey, String stepId, String campaign) {
        JourneyStep step = stepId == null ? journey.first() : journey.step(stepId).orElse(journey.first());
        Instant now = clock.instant();
        if (campaign != null) {
            contacts.attribute(who.contactId(), campaign, now);
        }
        Progress progress = new Progress(who.contactId(), journey.id(), step.id(), Map.of(), Progress.ACTIVE, who.locale(),
                who.channel(), campaign, now);
        store.restart(progress, now);
        store.event(journey.id(), step.id(), "started", who.locale(), who.channel(), campaign, now);
        List<JourneyTurn.Part> lead = new ArrayList<>();
        JourneyTexts texts = texts(journey, who.locale());
        lead.addAll(notices(texts, who.locale()));
        lead.add(JourneyTurn.Part.of(LocalizedText.fromContent(texts.locale(), texts.intro())));
        return enter(progress, journey, step, lead, now);
    }

    /** CONTINUE: shows the step the contact stopped at; empty when no journey is active. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<JourneyTurn> resume(Who who) {
        return at(who).map(at -> show(at.progress(), at.journey(), at.step(),
                new ArrayList<>(notices(texts(at.journey(), who.locale()), who.locale()))));
    }

    /** Where an active journey stands: its progress (in this turn's language), the journey, the current step. */
    private record At(Progress progress, Journey journey, JourneyStep step) {}

    private Optional<At> at(Who who) {
        return active(who.contactId()).flatMap(p -> journey(p.journeyId())
                .map(j -> new At(p.in(who.locale()), j, current(j, p))));
    }

    /** The resident picked choice {@code choiceId} of the step shown last. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<JourneyTurn> choose(Who who, String choiceId) {
        return at(who).map(at -> choose(who, at.progress(), at.journey(), at.step(), choiceId));
    }

    private JourneyTurn choose(Who who, Progress progress, Journey journey, JourneyStep step, String choiceId) {
        Instant now = clock.instant();
        Map<String, String> slots = new LinkedHashMap<>(progress.slots());
        String next;
        if (step.kind() == JourneyStep.Kind.ASK) {
            JourneyStep.Choice choice = step.choices().stream().filter(c -> c.id().equals(choiceId)).findFirst().orElse(null);
            if (choice == null) {
                return show(progress, journey, step, new ArrayList<>());
            }
            slots.put(step.slot(), choice.id());
            slots.putAll(choice.set());
            next = choice.next();
        } else if (PROBLEM.equals(choiceId)) {
            store.event(journey.id(), step.id(), "handoff", who.locale(), who.channel(), progress.campaign(), now);
            store.save(progress, now);
            // the conversation asks a person to help (HandoffService) and says honestly when; then how to go on
            return new JourneyTurn(List.of(JourneyTurn.Part.of(messages.render(who.locale(), "journey.continue"))),
                    journey.problemTopic(), null, List.of(), step.id(), null, true);
        } else if (LATER.equals(choiceId)) {
            return later(who, progress, journey, step, now);
        } else {
            next = step.nextFor(slots);
        }
        JourneyStep target = journey.step(next).orElse(step);
        return enter(progress.at(target.id(), slots, Progress.ACTIVE), journey, target, new ArrayList<>(), now);
    }

    /**
     * Text typed while a journey waits: on an office step the place where the resident lives; elsewhere a choice's
     * label typed out. Empty when the text is neither (the conversation answers it from the FAQ).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<JourneyTurn> typed(Who who, String text) {
        Optional<At> at = at(who);
        if (at.isEmpty()) {
            return Optional.empty();
        }
        Progress progress = at.get().progress();
        Journey journey = at.get().journey();
        JourneyStep step = at.get().step();
        JourneyTexts texts = texts(journey, who.locale());
        String typed = text.strip().toLowerCase(Locale.ROOT);
        for (JourneyTurn.Choice c : choices(step, texts, who.locale())) {
            if (c.label().text().strip().toLowerCase(Locale.ROOT).equals(typed)) {
                return Optional.of(choose(who, progress, journey, step, c.id()));
            }
        }
        if (step.kind() != JourneyStep.Kind.OFFICE) {
            return Optional.empty();
        }
        return Optional.of(office(who, progress, journey, step, text));
    }

    /** The resident answered the reminder offer. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public JourneyTurn reminder(Who who, boolean yes) {
        Optional<Progress> progress = active(who.contactId());
        long days = properties.reminderDays();
        if (!yes || progress.isEmpty()) {
            return new JourneyTurn(List.of(JourneyTurn.Part.of(messages.render(who.locale(), "journey.reminder.declined"))), null,
                    null, List.of(), progress.map(Progress::stepId).orElse(null));
        }
        reminders.schedule(who.contactId(), progress.get().journeyId(), who.locale());
        return new JourneyTurn(List.of(JourneyTurn.Part.of(messages.render(who.locale(), "journey.reminder.set", Map.of("days", days)))),
                null, null, List.of(), progress.get().stepId());
    }

    /** A start code or a resume code typed as a message (or sent as a deep link's payload); empty when it is neither. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<JourneyTurn> code(Who who, String text) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<StartCode> start = StartCode.parse(text);
        if (start.isPresent()) {
            Optional<Journey> journey = journey(start.get().journey());
            if (journey.isEmpty()) {
                return Optional.of(new JourneyTurn(List.of(JourneyTurn.Part.of(messages.render(who.locale(), "journey.resume.unknown"))),
                        null, null, List.of(), null));
            }
            return Optional.of(start(who, journey.get(), start.get().step(), start.get().campaign()));
        }
        Optional<String> resume = StartCode.resumeCode(text);
        if (resume.isEmpty()) {
            return Optional.empty();
        }
        Optional<Progress> from = store.byResumeCode(resume.get(), clock.instant());
        Optional<Journey> journey = from.flatMap(p -> journey(p.journeyId()));
        if (from.isEmpty() || journey.isEmpty()) {
            return Optional.of(new JourneyTurn(List.of(JourneyTurn.Part.of(messages.render(who.locale(), "journey.resume.unknown"))),
                    null, null, List.of(), null));
        }
        Instant now = clock.instant();
        Progress moved = new Progress(who.contactId(), from.get().journeyId(), from.get().stepId(), from.get().slots(),
                Progress.ACTIVE, who.locale(), who.channel(), from.get().campaign(), now);
        store.restart(moved, now);
        JourneyTexts texts = texts(journey.get(), who.locale());
        return Optional.of(show(moved, journey.get(), current(journey.get(), moved), new ArrayList<>(notices(texts, who.locale()))));
    }

    /** Records that a resident in a journey asked for a person (the funnel's "handed to a person"). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void handoff(Who who) {
        active(who.contactId()).ifPresent(p -> store.event(p.journeyId(), p.stepId(), "handoff", who.locale(), who.channel(),
                p.campaign(), clock.instant()));
    }

    /** STOP: no reminders any more. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void stop(long contactId) {
        reminders.cancelAll(contactId);
    }

    private JourneyTurn later(Who who, Progress progress, Journey journey, JourneyStep step, Instant now) {
        store.save(progress, now);
        store.event(journey.id(), step.id(), "later", who.locale(), who.channel(), progress.campaign(), now);
        String code = resumeCode();
        store.setResumeCode(who.contactId(), journey.id(), code, now.plus(properties.resumeCodeTtl()));
        long days = properties.reminderDays();
        List<JourneyTurn.Choice> yesNo = List.of(
                new JourneyTurn.Choice("yes", messages.render(who.locale(), "journey.reminder.yes")),
                new JourneyTurn.Choice("no", messages.render(who.locale(), "journey.reminder.no")));
        return new JourneyTurn(List.of(
                JourneyTurn.Part.of(messages.render(who.locale(), "journey.later")),
                JourneyTurn.Part.of(messages.render(who.locale(), "journey.resume.code", Map.of("code", code))),
                new JourneyTurn.Part(messages.render(who.locale(), "journey.reminder.offer", Map.of("days", days)), yesNo)),
                null, JourneyTurn.MENU_REMINDER, List.of("yes", "no"), step.id());
    }

    private JourneyTurn office(Who who, Progress progress, Journey journey, JourneyStep step, String text) {
        Optional<JourneyTurn.Part> match = offices.find(who.locale(), text);
        Instant now = clock.instant();
        if (match.isEmpty()) {
            List<JourneyTurn.Choice> skip = List.of(new JourneyTurn.Choice(SKIP, messages.render(who.locale(), "office.skip")));
            String place = text.strip().length() > 40 ? text.strip().substring(0, 40) : text.strip();
            store.save(progress, now);
            return new JourneyTurn(List.of(new JourneyTurn.Part(messages.render(who.locale(), "office.notfound", Map.of("place", place)),
                    skip)), null, JourneyTurn.MENU_JOURNEY, List.of(SKIP), step.id());
        }
        List<JourneyTurn.Part> lead = new ArrayList<>(List.of(match.get()));
        JourneyStep target = journey.step(step.nextFor(progress.slots())).orElse(step);
        return enter(progress.at(target.id(), progress.slots(), Progress.ACTIVE), journey, target, lead, now);
    }

    /** Moves to {@code step}: saves, counts it in the funnel, ends the journey on an end step, and says the step. */
    private JourneyTurn enter(Progress progress, Journey journey, JourneyStep step, List<JourneyTurn.Part> lead, Instant now) {
        String status = step.kind() == JourneyStep.Kind.END ? ("completed".equals(step.end()) ? "completed" : "cannot") : Progress.ACTIVE;
        Progress moved = progress.at(step.id(), progress.slots(), status);
        store.save(moved, now);
        store.event(journey.id(), step.id(), "step", moved.locale(), moved.channel(), moved.campaign(), now);
        if (!Progress.ACTIVE.equals(status)) {
            store.event(journey.id(), step.id(), status, moved.locale(), moved.channel(), moved.campaign(), now);
        }
        return show(moved, journey, step, lead);
    }

    private JourneyTurn show(Progress progress, Journey journey, JourneyStep step, List<JourneyTurn.Part> lead) {
        JourneyTexts texts = texts(journey, progress.locale());
        JourneyTexts.StepText text = texts.steps().get(step.id());
        List<JourneyTurn.Choice> choices = choices(step, texts, progress.locale());
        List<JourneyTurn.Part> parts = new ArrayList<>(lead);
        parts.add(new JourneyTurn.Part(LocalizedText.fromContent(texts.locale(), text.text()), choices));
        boolean waiting = !choices.isEmpty();
        return new JourneyTurn(parts, null, waiting ? JourneyTurn.MENU_JOURNEY : null,
                choices.stream().map(JourneyTurn.Choice::id).toList(), step.kind() == JourneyStep.Kind.END ? null : step.id(),
                "/j/" + journey.id() + "/" + step.id());
    }

    private List<JourneyTurn.Choice> choices(JourneyStep step, JourneyTexts texts, String locale) {
        return switch (step.kind()) {
            case ASK -> step.choices().stream().map(c -> new JourneyTurn.Choice(c.id(),
                    LocalizedText.fromContent(texts.locale(), texts.steps().get(step.id()).choices().get(c.id())))).toList();
            case GUIDE -> List.of(new JourneyTurn.Choice(DONE, messages.render(locale, "journey.choice.done")),
                    new JourneyTurn.Choice(PROBLEM, messages.render(locale, "journey.choice.problem")),
                    new JourneyTurn.Choice(LATER, messages.render(locale, "journey.choice.later")));
            case OFFICE -> List.of(new JourneyTurn.Choice(SKIP, messages.render(locale, "office.skip")));
            case END -> List.of();
        };
    }

    /** Notices that go before a journey's first words in a language: fallback language, machine translation. */
    private List<JourneyTurn.Part> notices(JourneyTexts texts, String locale) {
        List<JourneyTurn.Part> out = new ArrayList<>();
        if (!texts.locale().equals(locale)) {
            out.add(JourneyTurn.Part.of(messages.render(locale, "notice.fallback", Map.of(
                    "language", messages.languageName(locale, locale),
                    "fallbackLanguage", messages.languageName(texts.locale(), locale)))));
        }
        if (texts.machineTranslated()) {
            out.add(JourneyTurn.Part.of(messages.render(locale, "notice.machine")));
        }
        return out;
    }

    private JourneyStep current(Journey journey, Progress progress) {
        return journey.step(progress.stepId()).orElse(journey.first());
    }

    private JourneyTexts texts(Journey journey, String locale) {
        for (String tag : messages.locales().chain(locale)) {
            JourneyTexts t = journey.texts().get(tag);
            if (t != null) {
                return t;
            }
        }
        return journey.texts().values().iterator().next();
    }

    private String resumeCode() {
        StringBuilder code = new StringBuilder("R-");
        for (int i = 0; i < 6; i++) {
            code.append(RESUME_ALPHABET.charAt(random.nextInt(RESUME_ALPHABET.length())));
        }
        return code.toString();
    }
}
