package diffusionsat.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The partition rule of conf/defaults.yaml's job.tilesPerPartition (by work, or explicit). */
class WorkPartitionsTest {
    private static final WorkPartitions BY_WORK = new WorkPartitions(0, 16, 10_000);

    @ParameterizedTest(name = "{0} items on {1} slots: {2} partitions")
    @CsvSource({
        "0, 8, 1",              // nothing to do still makes one (empty) partition
        "1, 8, 1",              // never more partitions than items
        "5, 8, 5",
        "100, 8, 8",            // every slot busy before partitions grow
        "1000, 8, 63",          // ceil(1000 / 16): about 16 items each
        "1000000, 8, 10000",    // capped: a million tiles make 10,000 partitions, not 250,000
        "1000000, 20000, 10000" // the cap holds whatever the slots
    })
    void byWorkFollowsItemsAndSlots(long items, int slots, int expected) {
        assertEquals(expected, BY_WORK.count(items, slots));
    }

    @ParameterizedTest(name = "{0} items, {1} per partition: {2}")
    @CsvSource({"10, 4, 3", "1000000, 4, 250000", "3, 100, 1"})
    void explicitTilesPerPartitionOverridesTheRule(long items, int perPartition, int expected) {
        assertEquals(expected, new WorkPartitions(perPartition, 16, 10).count(items, 64));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"job.targetTilesPerPartition, 0", "job.maxPartitions, 0",
        "job.tilesPerPartition, -1"})
    void invalidSettingsNameTheirKey(String key, int value) {
        ConfigException e = assertThrows(ConfigException.class, () -> new WorkPartitions(
                key.equals("job.tilesPerPartition") ? value : 0,
                key.equals("job.targetTilesPerPartition") ? value : 16,
                key.equals("job.maxPartitions") ? value : 10));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
