package diffusionsat.job.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One launcher command run in-process as a user would type it, with what it printed: the exit
 * status, standard output and standard error.
 */
record CliRun(int exit, String out, String err) {

    /** Runs {@code diffusionsat <args>} through {@link Main#run}. */
    static CliRun of(String... args) {
        int[] exit = new int[1];
        String[] out = new String[1];
        String err = capture(() -> out[0] = capture(() -> exit[0] = Main.run(args), false), true);
        return new CliRun(exit[0], out[0], err);
    }

    /** The first line the command wrote to standard error ("" when none). */
    String firstErrorLine() {
        String text = err.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** Everything {@code action} writes to standard output ({@code stderr} false) or error. */
    static String capture(Runnable action, boolean stderr) {
        PrintStream original = stderr ? System.err : System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream replacement = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        if (stderr) {
            System.setErr(replacement);
        } else {
            System.setOut(replacement);
        }
        try {
            action.run();
        } finally {
            if (stderr) {
                System.setErr(original);
            } else {
                System.setOut(original);
            }
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
