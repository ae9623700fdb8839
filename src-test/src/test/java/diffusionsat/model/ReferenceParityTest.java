package diffusionsat.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.model.controlnet.ControlNetCaseRunner;
import diffusionsat.model.controlnet.UNetPlusControlNetCaseRunner;
import diffusionsat.model.unet.SatUNetCaseRunner;
import diffusionsat.model.vae.AutoencoderKLCaseRunner;
import diffusionsat.metrics.MetricsCaseRunner;
import diffusionsat.sampling.ControlNetPipelineCaseRunner;
import diffusionsat.sampling.DdimCaseRunner;
import diffusionsat.sampling.MultistepCaseRunner;
import diffusionsat.sampling.SamplingLoopCaseRunner;
import diffusionsat.testing.CaseRunner;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.ReferenceCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Upstream parity: every case folder under the reference fixture root (system property {@code
 * fixtures.reference}) becomes one dynamic test named after the folder, run by the first {@link
 * CaseRunner} that recognises the case's content. The suite cannot pass empty: it fails when the
 * root is missing or holds no case, when a case of MANIFEST.md's Status table has no folder (or
 * is not OK), when a folder is not in that table or has no case.json, and when no runner takes a
 * case. Add a runner for a new kind of case here.
 */
class ReferenceParityTest {
    private static final List<CaseRunner> RUNNERS = List.of(
            new ControlNetCaseRunner(),
            new UNetPlusControlNetCaseRunner(), // before SatUNetCaseRunner, which it includes
            new SatUNetCaseRunner(),
            new AutoencoderKLCaseRunner(),
            new DdimCaseRunner(),
            new SamplingLoopCaseRunner(),
            new MultistepCaseRunner(),
            new ControlNetPipelineCaseRunner(),
            new MetricsCaseRunner());

    @TestFactory
    Stream<DynamicTest> upstreamReferenceCases() {
        Path root = Fixtures.reference();
        DynamicTest fixtureSet = DynamicTest.dynamicTest("fixture set " + root,
                () -> requireCompleteFixtureSet(root));
        if (!Files.isDirectory(root)) {
            return Stream.of(fixtureSet);
        }
        return Stream.concat(Stream.of(fixtureSet), caseFolders(root).stream()
                .filter(dir -> Files.isRegularFile(dir.resolve("case.json")))
                .map(ReferenceCase::open)
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c))));
    }

    static void run(ReferenceCase c) throws Exception {
        Optional<CaseRunner> runner = RUNNERS.stream().filter(r -> r.handles(c)).findFirst();
        assertTrue(runner.isPresent(), () -> c.name() + ": no runner for this kind of case ("
                + c.description().path("upstream_call").asText() + "); add one to "
                + ReferenceParityTest.class.getSimpleName());
        runner.get().run(c);
    }

    /** The root, its folders and MANIFEST.md's Status table agree, and none is empty. */
    static void requireCompleteFixtureSet(Path root) throws IOException {
        assertTrue(Files.isDirectory(root), "no reference fixtures at " + root
                + " (system property fixtures.reference or ../shared/fixtures/reference)");
        List<Path> folders = caseFolders(root);
        Map<String, String> status = ManifestStatus.read(root.resolve("MANIFEST.md"));
        List<String> problems = new ArrayList<>();
        if (folders.isEmpty() || status.isEmpty()) {
            problems.add(root + " holds " + folders.size() + " case folders and MANIFEST.md "
                    + status.size() + " Status rows; a parity run needs both");
        }
        status.forEach((name, state) -> {
            long matching = folders.stream().filter(f -> ManifestStatus.isFolderOf(name, f))
                    .count();
            if (matching != 1) {
                problems.add("Status case " + name + ": " + matching + " folders " + name + "_*");
            }
            if (!state.equals("OK")) {
                problems.add("Status case " + name + " is " + state + ", not OK");
            }
        });
        for (Path folder : folders) {
            if (status.keySet().stream().noneMatch(name -> ManifestStatus.isFolderOf(name,
                    folder))) {
                problems.add(folder.getFileName() + " is not in MANIFEST.md's Status table");
            }
            if (!Files.isRegularFile(folder.resolve("case.json"))) {
                problems.add(folder.getFileName() + " has no case.json");
            }
        }
        assertTrue(problems.isEmpty(), String.join("; ", problems));
    }

    /** Every folder under the root but hidden ones ({@code .x}) and generator state ({@code _x}). */
    private static List<Path> caseFolders(Path root) {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith(".")
                            && !p.getFileName().toString().startsWith("_"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
