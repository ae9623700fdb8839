package diffusionsat.job.cli;

import diffusionsat.io.ConfigException;
import diffusionsat.job.config.Suggestions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.catalyst.parser.ParseException;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Parses a {@code --where} filter with Spark's SQL parser (no session needed) and checks every
 * column it names against the catalogue's columns, so a typo fails before Spark starts.
 */
final class WhereCheck {
    private WhereCheck() {}

    static void require(String where, List<String> columns) {
        Expression expression;
        try {
            expression = CatalystSqlParser$.MODULE$.parseExpression(where);
        } catch (Exception e) { // Scala declares no checked exception: catch it by type
            if (e instanceof ParseException) {
                throw new ConfigException("--where", where, "is not a SQL condition: "
                        + firstLine(e.getMessage()));
            }
            throw e;
        }
        List<String> known = columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        Deque<Expression> todo = new ArrayDeque<>(List.of(expression));
        while (!todo.isEmpty()) {
            Expression next = todo.pop();
            if (next instanceof UnresolvedAttribute attribute) {
                String column = CollectionConverters.asJava(attribute.nameParts()).get(0);
                if (!known.contains(column.toLowerCase(Locale.ROOT))) {
                    throw new ConfigException("--where", where, "the catalogue has no column "
                            + column + Suggestions.didYouMean(column, columns) + "; its columns: "
                            + String.join(", ", columns));
                }
            }
            todo.addAll(CollectionConverters.asJava(next.children()));
        }
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
