package diffusionsat.job.cli;

import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher commands of README.md's {@code bash} blocks, read from the README itself so that
 * the tests follow it as it changes: continuation lines joined, comments dropped, split as the
 * shell splits words (quotes kept together).
 */
final class ReadmeCommands {
    static final String LAUNCHER = "scripts/diffusionsat";

    /**
     * One command.
     *
     * @param text the command as written
     * @param args the words after {@code scripts/diffusionsat}
     */
    record Entry(String text, List<String> args) {
        /** A synopsis (usage line with {@code <placeholders>} or {@code [optional parts]}). */
        boolean synopsis() {
            return text.contains("<") || text.contains("[");
        }

        String subcommand() {
            return args.isEmpty() ? "" : args.get(0);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private ReadmeCommands() {}

    /** Every {@code scripts/diffusionsat} command of the README, in order. */
    static List<Entry> all() throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.projectRoot().resolve("README.md"));
        List<Entry> entries = new ArrayList<>();
        boolean inBash = false;
        StringBuilder pending = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("```")) {
                inBash = !inBash && line.startsWith("```bash");
                continue;
            }
            if (!inBash) {
                continue;
            }
            String code = line.replaceAll("\\s+#\\s.*$", "").strip(); // trailing comment
            boolean continued = code.endsWith("\\");
            pending.append(continued ? code.substring(0, code.length() - 1) : code).append(' ');
            if (!continued) {
                String command = pending.toString().strip().replaceAll("\\s+", " ");
                pending.setLength(0);
                if (command.startsWith(LAUNCHER)) {
                    List<String> words = words(command);
                    entries.add(new Entry(command, words.subList(1, words.size())));
                }
            }
        }
        return entries;
    }

    /** Shell words: split on blanks outside quotes, quotes removed. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** A README path ({@code conf/...}, {@code out/...}) for a run: conf from the project, out under {@code out}. */
    static List<String> localised(List<String> args, Path out) {
        Path root = Fixtures.projectRoot();
        List<String> result = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String prefix = eq > 0 && !arg.startsWith("--") ? arg.substring(0, eq + 1) : "";
            String value = arg.substring(prefix.length());
            if (value.startsWith("conf/")) {
                value = root.resolve(value).toString();
            } else if (value.equals("out") || value.startsWith("out/")) {
                value = out.resolve(value).toString();
            }
            result.add(prefix + value);
        }
        return result;
    }
}
