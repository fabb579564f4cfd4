package kr.ieum.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of architecture.md, checked on the compiled classes: each SDK stays inside its one package, and
 * dependencies point from channels to the conversation, never back.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("kr.ieum");
    }

    @Test
    void onlyTheTwilioPackageUsesTheTwilioSdk() {
        noClasses().that().resideOutsideOfPackage("kr.ieum.channel.twilio..")
                .should().dependOnClassesThat().resideInAPackage("com.twilio..").check(classes);
    }

    @Test
    void onlyTheEmailPackageUsesJakartaMail() {
        noClasses().that().resideOutsideOfPackage("kr.ieum.channel.email..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "org.eclipse.angus..").check(classes);
    }

    @Test
    void onlyTheLanguagePackageUsesOpenNlp() {
        noClasses().that().resideOutsideOfPackage("kr.ieum.language..")
                .should().dependOnClassesThat().resideInAPackage("opennlp..").check(classes);
    }

    @Test
    void onlyTheIndexPackageUsesLucene() {
        noClasses().that().resideOutsideOfPackage("kr.ieum.faq.index..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.lucene..").check(classes);
    }

    @Test
    void onlyTheOutreachPackageUsesZxing() {
        noClasses().that().resideOutsideOfPackage("kr.ieum.outreach..")
                .should().dependOnClassesThat().resideInAPackage("com.google.zxing..").check(classes);
    }

    @Test
    void onlyTheConsoleKnowsStaffSecurityViewsAndPasswordHashing() {
        noClasses().that().resideOutsideOfPackage("kr.ieum.console..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut.security..", "io.micronaut.views..", "org.springframework..")
                .check(classes);
    }

    @Test
    void theCoreKnowsNoChannelAndNoHttpEdge() {
        noClasses().that().resideInAnyPackage("kr.ieum.conversation..", "kr.ieum.faq..", "kr.ieum.contact..",
                        "kr.ieum.language..", "kr.ieum.i18n..", "kr.ieum.content..")
                .should().dependOnClassesThat().resideInAnyPackage("kr.ieum.channel..", "kr.ieum.api..").check(classes);
    }

    @Test
    void theChannelSpiKnowsNoProvider() {
        noClasses().that().resideInAPackage("kr.ieum.channel")
                .should().dependOnClassesThat().resideInAnyPackage(otherChannels("")).check(classes);
    }

    @Test
    void channelsDoNotDependOnEachOther() {
        for (String channel : new String[] {"twilio", "telegram", "meta", "line", "kakao", "email", "webchat"}) {
            noClasses().that().resideInAPackage("kr.ieum.channel." + channel + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(otherChannels(channel)).check(classes);
        }
    }

    private static String[] otherChannels(String channel) {
        return java.util.Arrays.stream(new String[] {"twilio", "telegram", "meta", "line", "kakao", "email", "webchat"})
                .filter(c -> !c.equals(channel)).map(c -> "kr.ieum.channel." + c + "..").toArray(String[]::new);
    }
}
