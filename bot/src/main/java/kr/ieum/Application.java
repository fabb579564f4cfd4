package kr.ieum;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import kr.ieum.console.AdminCommand;
import kr.ieum.content.ContentCommand;
import kr.ieum.content.ContentPreload;
import kr.ieum.platform.DatabaseBootstrap;
import kr.ieum.platform.Secrets;

/**
 * Entry point: {@code java -jar ieum-bot.jar} runs the service; {@code ... content validate} checks content/;
 * {@code ... admin create-user} creates a staff account (the first administrator).
 */
public final class Application {
    private Application() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("content")) {
            System.exit(ContentCommand.run(args));
        }
        Path dataDir = Path.of(System.getenv().getOrDefault("IEUM_DATA_DIR", "data"));
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(AdminCommand.run(args, System.getenv(), dataDir));
        }
        ClassPreload.start();
        ContentPreload.start(System.getenv("IEUM_CONTENT_PATH"), System.getenv("IEUM_LOCALES_PATH"));
        Map<String, Object> properties = new HashMap<>(DatabaseBootstrap.propertiesStarting(System.getenv(), dataDir.resolve("postgres")));
        properties.put("ieum.master-key", Secrets.masterKey(System.getenv(), dataDir));
        if (System.getenv("IEUM_FAQ_INDEX_CACHE") == null) {
            properties.put("ieum.faq.index-cache", dataDir.resolve("index").toString());
        }
        ApplicationContext context = Micronaut.build(args).mainClass(Application.class).properties(properties).banner(false).start();
        DatabaseBootstrap.stopAfter(context::isRunning);
    }
}
