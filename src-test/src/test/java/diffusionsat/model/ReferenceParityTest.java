package diffusionsat.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import diffusionsat.model.controlnet.ControlNetCaseRunner;
import diffusionsat.model.controlnet.UNetPlusControlNetCaseRunner;
import diffusionsat.model.unet.SatUNetCaseRunner;
import diffusionsat.model.vae.AutoencoderKLCaseRunner;
import diffusionsat.sampling.DdimCaseRunner;
import diffusionsat.sampling.MultistepCaseRunner;
import diffusionsat.sampling.SamplingLoopCaseRunner;
import diffusionsat.testing.CaseRunner;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.ReferenceCase;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Upstream parity: every case folder under the reference fixture root (system property
 * {@code fixtures.reference}) becomes one dynamic test named after the folder, run by the first
 * {@link CaseRunner} that recognises the case's content. Cases no runner knows yet (sampling loop,
 * metrics: other issues) are skipped with a reason; add their runners here.
 */
class ReferenceParityTest {
    private static final List<CaseRunner> RUNNERS = List.of(
            new ControlNetCaseRunner(),
            new UNetPlusControlNetCaseRunner(), // before SatUNetCaseRunner, which it includes
            new SatUNetCaseRunner(),
            new AutoencoderKLCaseRunner(),
            new DdimCaseRunner(),
            new SamplingLoopCaseRunner(),
            new MultistepCaseRunner());

    @TestFactory
    Stream<DynamicTest> upstreamReferenceCases() {
        return Fixtures.cases(Fixtures.reference()).stream()
                .map(ReferenceCase::open)
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
    }

    private static void run(ReferenceCase c) throws Exception {
        Optional<CaseRunner> runner = RUNNERS.stream().filter(r -> r.handles(c)).findFirst();
        assumeTrue(runner.isPresent(), () -> c.name() + ": no runner for this kind of case ("
                + c.description().path("upstream_call").asText() + ") in this build yet");
        runner.get().run(c);
    }
}
