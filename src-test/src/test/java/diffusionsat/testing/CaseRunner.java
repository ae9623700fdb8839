package diffusionsat.testing;

/**
 * Checks one kind of reference case against our implementation. {@code ReferenceParityTest}
 * discovers the cases and hands each to the first runner that {@link #handles} it; a case no
 * runner handles is skipped. Add a runner for a new kind of case to that test's list.
 */
public interface CaseRunner {
    /** Whether this runner knows the case's kind (decided from its content, not its name). */
    boolean handles(ReferenceCase referenceCase);

    /** Runs the upstream call on our implementation and asserts the stored outputs. */
    void run(ReferenceCase referenceCase) throws Exception;
}
