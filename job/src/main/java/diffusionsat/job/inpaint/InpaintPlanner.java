package diffusionsat.job.inpaint;

import diffusionsat.inpaint.InpaintRequest;
import diffusionsat.inpaint.InpaintSettings;
import diffusionsat.inpaint.InpaintTask;
import diffusionsat.io.TileException;
import diffusionsat.io.catalog.CatalogColumns;
import diffusionsat.spark.TileRef;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Turns catalogue rows into inpaint requests in Spark ({@link #inSpark}: the rows grouped by the
 * event or sequence they pair within, each group planned on an executor), so the driver never
 * holds the catalogue.
 *
 * <ul>
 *   <li>xBD: pairs by file name, {@code <disaster>_<id>_pre_disaster} with {@code
 *       <disaster>_<id>_post_disaster}; rows named otherwise pair by {@code sequence_id} when the
 *       sequence has exactly two dates (the earlier is "pre"). The target is the pre-disaster
 *       image (upstream's {@code --xbd_task past}) or the post-disaster one.
 *   <li>clouds: in each {@code sequence_id}, every date with more cloud cover than {@code
 *       inpaint.clearMaxCloudCover} is a request, conditioned on the sequence's clear dates,
 *       nearest in time first. A missing cloud cover counts as 0 (DESIGN.md §2).
 * </ul>
 * Rows that cannot take part (half a pair, no sequence) become failures naming the cause.
 */
public final class InpaintPlanner {
    private static final Pattern XBD_NAME = Pattern.compile("(.+)_(pre|post)_disaster");

    private InpaintPlanner() {}

    /** The requests and the rows that cannot be planned. */
    record Plan(List<InpaintRequest> requests, List<Failure> failures) {}

    /** A row that cannot be planned, with the cause. */
    public record Failure(String id, String cause) implements Serializable {}

    /**
     * One result of planning a group: a request or a failure (public: Spark's serialising
     * encoder takes only public classes).
     */
    public record Item(InpaintRequest request, Failure failure) implements Serializable {}

    /**
     * The plan of a whole catalogue as one Dataset of items: rows keyed by their xBD event (file
     * name) or their {@code sequence_id} ({@link #groupKey}), each group planned by {@link
     * #plan(List, InpaintSettings)} in id order, so that a group's plan does not depend on how
     * Spark ordered its rows.
     */
    static Dataset<Item> inSpark(Dataset<Row> catalog, InpaintSettings settings) {
        return catalog.groupByKey((MapFunction<Row, String>) row -> groupKey(row, settings),
                        Encoders.STRING())
                .flatMapGroups((FlatMapGroupsFunction<String, Row, Item>) (key, rows) -> {
                    List<Row> group = new ArrayList<>();
                    rows.forEachRemaining(group::add);
                    group.sort(Comparator.comparing(InpaintPlanner::rawId));
                    Plan plan = plan(group, settings);
                    List<Item> items = new ArrayList<>();
                    plan.requests().forEach(r -> items.add(new Item(r, null)));
                    plan.failures().forEach(f -> items.add(new Item(null, f)));
                    return items.iterator();
                }, Encoders.javaSerialization(Item.class));
    }

    /**
     * The group a row pairs within: its xBD event for an xBD file name (task xbd), else its
     * sequence; a row with neither (or unreadable ones) is planned alone, to fail with the cause.
     */
    static String groupKey(Row row, InpaintSettings settings) {
        Object id = field(row, CatalogColumns.ID);
        if (settings.task() == InpaintTask.XBD && id instanceof String name) {
            Matcher xbd = XBD_NAME.matcher(name);
            if (xbd.matches()) {
                return "event:" + xbd.group(1);
            }
        }
        Object sequence = field(row, CatalogColumns.SEQUENCE_ID);
        return sequence instanceof String s ? "sequence:" + s : "alone:" + id;
    }

    private static String rawId(Row row) {
        return String.valueOf(field(row, CatalogColumns.ID));
    }

    private static Object field(Row row, String column) {
        return row.schema().getFieldIndex(column).isEmpty() ? null : row.getAs(column);
    }

    /** A catalogue row with the columns planning reads besides {@link TileRef}'s. */
    private record Entry(TileRef tile, String sequenceId, String caption, String maskHref) {
        /** The entry of a row; a {@link TileException} naming the column of a wrong value. */
        static Entry of(Row row) {
            TileRef tile = TileRef.fromRow(row);
            String id = tile.id() == null ? "(no id)" : tile.id();
            return new Entry(tile, string(row, CatalogColumns.SEQUENCE_ID, id),
                    string(row, CatalogColumns.CAPTION, id),
                    string(row, CatalogColumns.MASK_HREF, id));
        }

        String id() {
            return tile.id() == null ? "(no id)" : tile.id();
        }
    }

    static Plan plan(List<Row> rows, InpaintSettings settings) {
        List<Entry> entries = new ArrayList<>();
        List<Failure> unreadable = new ArrayList<>();
        for (Row row : rows) {
            try {
                entries.add(Entry.of(row));
            } catch (TileException e) {
                // A malformed catalogue row fails alone, before it can pair with anything.
                String prefix = "tile " + e.tileId() + ": ";
                unreadable.add(new Failure(e.tileId(), e.getMessage().startsWith(prefix)
                        ? e.getMessage().substring(prefix.length()) : e.getMessage()));
            }
        }
        Plan plan = settings.task() == InpaintTask.XBD ? xbd(entries, settings)
                : clouds(entries, settings);
        List<Failure> failures = new ArrayList<>(unreadable);
        failures.addAll(plan.failures());
        return new Plan(plan.requests(), failures);
    }

    private static Plan xbd(List<Entry> entries, InpaintSettings settings) {
        Map<String, Map<String, Entry>> events = new LinkedHashMap<>();
        List<Entry> unnamed = new ArrayList<>();
        for (Entry entry : entries) {
            Matcher name = XBD_NAME.matcher(entry.id());
            if (name.matches()) {
                events.computeIfAbsent(name.group(1), k -> new LinkedHashMap<>())
                        .put(name.group(2), entry);
            } else {
                unnamed.add(entry);
            }
        }
        List<InpaintRequest> requests = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        events.forEach((event, sides) -> {
            if (sides.size() == 2) {
                requests.add(pair(sides.get("pre"), sides.get("post"), settings));
            } else {
                Entry present = sides.values().iterator().next();
                String missing = sides.containsKey("pre") ? "post" : "pre";
                failures.add(new Failure(present.id(), "no " + event + "_" + missing
                        + "_disaster image in the catalogue to pair with"));
            }
        });
        for (List<Entry> sequence : bySequence(unnamed, failures).values()) {
            if (sequence.size() == 2 && sequence.get(0).tile().datetime() != null
                    && sequence.get(1).tile().datetime() != null
                    && !sequence.get(0).tile().datetime().equals(
                            sequence.get(1).tile().datetime())) {
                requests.add(pair(sequence.get(0), sequence.get(1), settings));
            } else {
                for (Entry entry : sequence) {
                    failures.add(new Failure(entry.id(), "sequence " + entry.sequenceId()
                            + " has " + sequence.size() + " images; a before/after pair needs"
                            + " exactly two with different dates"));
                }
            }
        }
        return new Plan(requests, failures);
    }

    private static InpaintRequest pair(Entry pre, Entry post, InpaintSettings settings) {
        Entry target = settings.generatePast() ? pre : post;
        Entry condition = settings.generatePast() ? post : pre;
        return new InpaintRequest(target.id(), target.tile(), List.of(condition.tile()), null,
                captionOf(target, settings));
    }

    private static Plan clouds(List<Entry> entries, InpaintSettings settings) {
        List<InpaintRequest> requests = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (List<Entry> sequence : bySequence(entries, failures).values()) {
            List<Entry> clear = sequence.stream()
                    .filter(e -> cloudCover(e) <= settings.clearMaxCloudCover()
                            && e.tile().datetime() != null)
                    .toList();
            for (Entry entry : sequence) {
                if (cloudCover(entry) <= settings.clearMaxCloudCover()) {
                    continue;
                }
                Instant time = entry.tile().datetime();
                if (time == null) {
                    failures.add(new Failure(entry.id(), "no datetime: the clear dates around"
                            + " it cannot be found"));
                    continue;
                }
                List<TileRef> nearest = clear.stream()
                        .sorted(Comparator.comparing((Entry e) -> Duration.between(time,
                                e.tile().datetime()).abs()).thenComparing(e -> e.tile().datetime()))
                        .map(Entry::tile)
                        .toList();
                requests.add(new InpaintRequest(entry.id(), entry.tile(), nearest,
                        entry.maskHref(), captionOf(entry, settings)));
            }
        }
        return new Plan(requests, failures);
    }

    /** Rows by sequence id, in catalogue order; rows without one become failures. */
    private static Map<String, List<Entry>> bySequence(List<Entry> entries,
            List<Failure> failures) {
        Map<String, List<Entry>> sequences = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (entry.sequenceId() == null) {
                failures.add(new Failure(entry.id(), "no sequence_id (and not an xBD file name)"));
            } else {
                sequences.computeIfAbsent(entry.sequenceId(), k -> new ArrayList<>()).add(entry);
            }
        }
        Comparator<Entry> byTime = Comparator.comparing((Entry e) -> e.tile().datetime(),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        sequences.values().forEach(list -> list.sort(byTime));
        return sequences;
    }

    private static double cloudCover(Entry entry) {
        return entry.tile().cloudCover() == null ? 0 : entry.tile().cloudCover();
    }

    private static String captionOf(Entry entry, InpaintSettings settings) {
        return entry.caption() != null ? entry.caption() : settings.caption();
    }

    private static String string(Row row, String column, String tileId) {
        if (row.schema().getFieldIndex(column).isEmpty()) {
            return null;
        }
        int i = row.fieldIndex(column);
        if (row.isNullAt(i)) {
            return null;
        }
        if (!(row.get(i) instanceof String text)) {
            throw new TileException(tileId, "catalogue column " + column + " holds "
                    + row.schema().apply(column).dataType().simpleString()
                    + " where text is expected");
        }
        return text;
    }
}
