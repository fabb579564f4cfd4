package kr.ieum.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.ieum.platform.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What the deployment files promise an operator (no Kubernetes schema validator installs here, so the rules that matter
 * are checked by reading the manifests): the pods run as a non-root user on a read-only root file system with no
 * privilege escalation, readiness and liveness are the service's own probes, every secret comes from a Secret and none is
 * written down, replicas are kept through disruptions and scaled on CPU; the image's build context leaves the master key
 * and build output out; compose sets the public address.
 */
class DeploymentFilesTest {
    private static final Path ROOT = ProjectPaths.resolve(null, "docker").getParent();

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesManifestsRunLockedDownWithTheServicesProbesAndSecretsFromSecrets() throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object o : new Yaml().loadAll(Files.readString(ROOT.resolve("docker/k8s/ieum.yaml")))) {
            docs.add((Map<String, Object>) o);
        }
        assertEquals(Set.of("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"),
                Set.copyOf(docs.stream().map(d -> (String) d.get("kind")).toList()));
        Map<String, Object> deployment = docs.stream().filter(d -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> pod = (Map<String, Object>) path(deployment, "spec", "template", "spec");
        assertEquals(true, path(pod, "securityContext", "runAsNonRoot"));
        assertTrue(((Number) path(pod, "securityContext", "runAsUser")).intValue() > 0);
        for (Map<String, Object> c : (List<Map<String, Object>>) pod.get("containers")) {
            assertEquals(true, path(c, "securityContext", "readOnlyRootFilesystem"), c.get("name") + ": read-only root");
            assertEquals(false, path(c, "securityContext", "allowPrivilegeEscalation"));
            assertEquals("/health/readiness", path(c, "readinessProbe", "httpGet", "path"));
            assertEquals("/health/liveness", path(c, "livenessProbe", "httpGet", "path"));
            assertNotNull(path(c, "resources", "limits", "memory"), "a memory limit");
            for (Map<String, Object> env : (List<Map<String, Object>>) c.get("env")) {
                String name = (String) env.get("name");
                if (Set.of("DATABASE_PASSWORD", "DATABASE_URL", "IEUM_MASTER_KEY", "IEUM_METRICS_TOKEN").contains(name)) {
                    assertTrue(env.get("value") == null && path(env, "valueFrom", "secretKeyRef", "name") != null, name + " from a Secret");
                }
            }
            assertTrue(((List<Map<String, Object>>) c.get("volumeMounts")).stream().anyMatch(m -> "/tmp".equals(m.get("mountPath"))),
                    "a writable /tmp on a read-only root");
        }
        Map<String, Object> pdb = docs.stream().filter(d -> "PodDisruptionBudget".equals(d.get("kind"))).findFirst().orElseThrow();
        assertEquals(1, path(pdb, "spec", "minAvailable"));
        Map<String, Object> hpa = docs.stream().filter(d -> "HorizontalPodAutoscaler".equals(d.get("kind"))).findFirst().orElseThrow();
        assertTrue(((Number) path(hpa, "spec", "minReplicas")).intValue() >= 2, "at least two replicas");
    }

    @Test
    void theImageLeavesSecretsAndBuildOutputOutAndComposeSetsThePublicAddress() throws IOException {
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"));
        assertTrue(ignored.contains("data/") && ignored.contains("**/target/"), ignored.toString());
        String dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
        assertTrue(dockerfile.contains("USER 10001"), "not root");
        assertTrue(dockerfile.contains(" curl") && dockerfile.contains("HEALTHCHECK") && dockerfile.contains("curl -fsS"),
                "the health check uses a tool the image installs");
        assertTrue(Files.readString(ROOT.resolve("docker/compose.yaml")).contains("IEUM_PUBLIC_URL"));
    }

    /**
     * The image's class-data sharing archive is made from docker/cds-classes.txt: a list gone stale (classes renamed or
     * removed since docker/cds-classes.sh wrote it) quietly loses the start-up time it buys.
     */
    @Test
    void theClassListOfTheImagesArchiveNamesTodaysClasses() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
        assertTrue(dockerfile.contains("-Xshare:dump -XX:SharedClassListFile=/app/cds-classes.txt")
                && dockerfile.contains("\"-XX:SharedArchiveFile=/app/ieum.jsa\""), "the image makes the archive and starts with it");
        List<String> ours = Files.readAllLines(ROOT.resolve("docker/cds-classes.txt")).stream().filter(l -> l.startsWith("kr/ieum/"))
                .filter(l -> !l.contains("$$")).toList();
        assertTrue(ours.size() > 300, "the list holds the service's own classes: " + ours.size());
        long present = ours.stream().filter(l -> getClass().getClassLoader().getResource(l + ".class") != null).count();
        assertTrue(present >= 0.9 * ours.size(), present + " of the " + ours.size() + " kr/ieum classes the list names exist;"
                + " write it again: docker/cds-classes.sh");
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> map, String... keys) {
        Object at = map;
        for (String k : keys) {
            if (!(at instanceof Map)) {
                return null;
            }
            at = ((Map<String, Object>) at).get(k);
        }
        return at;
    }
}
