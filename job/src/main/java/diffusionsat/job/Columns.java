package diffusionsat.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** Column lists for {@code select}, from names (e.g. a schema's field names). */
public final class Columns {
    private Columns() {}

    /** The named columns, in order. */
    public static Column[] of(String... names) {
        return withLeading(null, names);
    }

    /** A leading column (such as {@code id}, or none when null) followed by the named ones. */
    public static Column[] withLeading(String leading, String... names) {
        List<Column> out = new ArrayList<>();
        if (leading != null) {
            out.add(functions.col(leading));
        }
        for (String name : names) {
            out.add(functions.col(name));
        }
        return out.toArray(Column[]::new);
    }
}
