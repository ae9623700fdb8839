package diffusionsat.job.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.job.config.ConfigLoader;
import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every launcher command of README.md, read from the README (issue 16: README and product cannot
 * drift apart): a synopsis names a subcommand and only options it has; a concrete command parses
 * as the launcher parses it, and its {@code --config} files and {@code --set} keys load.
 * {@code ReadmeCommandsIT} runs the cheap ones.
 */
class ReadmeCommandsTest {

    @Test
    void theReadmeHasItsCommands() throws IOException {
        List<ReadmeCommands.Entry> all = ReadmeCommands.all();
        assertAll(
                () -> assertTrue(all.size() >= 15, "commands found: " + all),
                () -> assertTrue(all.stream().anyMatch(e -> !e.synopsis()), "concrete ones"),
                () -> assertTrue(Files.isExecutable(Fixtures.projectRoot()
                        .resolve(ReadmeCommands.LAUNCHER)), "the launcher"));
    }

    @TestFactory
    Stream<DynamicTest> everyCommandFitsTheLauncher() throws IOException {
        return ReadmeCommands.all().stream().map(entry -> DynamicTest.dynamicTest(entry.text(),
                () -> {
                    if (entry.synopsis()) {
                        checkSynopsis(entry);
                    } else {
                        checkConcrete(entry);
                    }
                }));
    }

    private static void checkSynopsis(ReadmeCommands.Entry entry) {
        CommandLine main = new CommandLine(new Main());
        CommandLine command = entry.subcommand().startsWith("--") ? main
                : main.getSubcommands().get(entry.subcommand());
        assertNotNull(command, "no subcommand " + entry.subcommand());
        for (String word : entry.args()) {
            String option = word.replaceAll("^\\[+", "").replaceAll("[]\\[.]+$", "");
            option = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            if (option.startsWith("--")) {
                assertNotNull(command.getCommandSpec().findOption(option),
                        entry.subcommand() + " has no option " + option);
            }
        }
    }

    private static void checkConcrete(ReadmeCommands.Entry entry) {
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(
                entry.args().toArray(String[]::new));
        List<Path> configs = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        List<String> args = entry.args();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--config") && !entry.subcommand().equals("make-checkpoint")) {
                configs.add(Fixtures.projectRoot().resolve(args.get(i + 1)));
            } else if (args.get(i).equals("--set")) {
                sets.add(args.get(i + 1));
            }
        }
        ConfigLoader.load(configs, sets); // throws naming an unknown key or unreadable file
        assertEquals(entry.subcommand().startsWith("--") ? null : entry.subcommand(),
                parsed.subcommand() == null ? null : parsed.subcommand().commandSpec().name());
    }
}
