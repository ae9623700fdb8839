package diffusionsat.job.cli;

import diffusionsat.io.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The launcher's entry point: one jar, one subcommand per job (DESIGN.md §1). */
@Command(name = "diffusionsat", mixinStandardHelpOptions = true, version = "diffusionsat 0.1.0",
        description = "DiffusionSat as Spark batch jobs.",
        subcommands = {CatalogCommand.class, SuperResCommand.class, EvaluateCommand.class,
                GenerateCommand.class, MakeCheckpointCommand.class, InpaintCommand.class,
                TemporalCommand.class, SequenceCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns the exit status (see {@link ExitCodes}). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return ExitCodes.CONFIGURATION;
            }
            log.error("{} failed", commandLine.getCommandName(), e);
            return ExitCodes.FAILURE;
        });
        return cli.execute(args);
    }
}
