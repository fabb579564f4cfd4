package kr.ieum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ClassPreloadTest {
    static final AtomicBoolean INITIALISED = new AtomicBoolean();

    static final class Marked {
        static {
            INITIALISED.set(true);
        }
    }

    @Test
    void loadsTheListedClassesWithoutRunningTheirStaticInitialisersAndSkipsWhatIsGone() throws IOException {
        String list = "# a comment\n" + Marked.class.getName().replace('.', '/') + "\nkr/ieum/NoSuchClassAnyMore\njava/lang/String\n\n";
        int loaded = ClassPreload.load(new BufferedReader(new StringReader(list)), getClass().getClassLoader());
        assertEquals(1, loaded, "the one class of ours that exists (the platform's are left to the JDK's archive)");
        assertFalse(INITIALISED.get(), "loaded ahead, initialised only when first used");
    }

    @Test
    void theJarCarriesTheClassListAndItsClassesLoad() throws IOException {
        ClassLoader loader = getClass().getClassLoader();
        assertNotNull(loader.getResource(ClassPreload.LIST), "docker/cds-classes.txt is packed as " + ClassPreload.LIST);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(loader.getResourceAsStream(ClassPreload.LIST), StandardCharsets.UTF_8))) {
            int loaded = ClassPreload.load(in, loader);
            assertTrue(loaded > 5_000, "most of the listed classes load: " + loaded);
        }
    }
}
