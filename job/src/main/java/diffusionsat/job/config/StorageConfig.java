package diffusionsat.job.config;

import diffusionsat.io.ConfigException;
import diffusionsat.io.storage.Storage;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Object-storage settings, turned into the Hadoop S3A keys that every reader and writer uses,
 * and the read limit {@code io.maxPixels} that every raster read checks.
 */
public record StorageConfig(Map<String, String> hadoopSettings, boolean magicCommitter,
        long maxPixels) implements Serializable {
    /** io.maxPixels: one band must still fit a Java array. */
    private static final long MAX_PIXELS_LIMIT = Integer.MAX_VALUE - 8;

    public static StorageConfig from(Settings s) {
        Map<String, String> hadoop = new TreeMap<>();
        s.optional("s3a.endpoint").ifPresent(v -> hadoop.put("fs.s3a.endpoint", v));
        s.optional("s3a.region").ifPresent(v -> hadoop.put("fs.s3a.endpoint.region", v));
        hadoop.put("fs.s3a.path.style.access", Boolean.toString(s.flag("s3a.pathStyleAccess")));
        hadoop.put("fs.s3a.connection.ssl.enabled", Boolean.toString(s.flag("s3a.sslEnabled")));
        var accessKey = s.optional("s3a.accessKey");
        var secretKey = s.optional("s3a.secretKey");
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new ConfigException("s3a.accessKey", "(hidden)", "must be set together with s3a.secretKey");
        }
        accessKey.ifPresent(key -> {
            hadoop.put("fs.s3a.access.key", key);
            hadoop.put("fs.s3a.secret.key", secretKey.get());
            hadoop.put("fs.s3a.aws.credentials.provider",
                    "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        });
        String committer = s.string("s3a.committer");
        if (!committer.equals("magic") && !committer.equals("file")) {
            throw new ConfigException("s3a.committer", committer, "must be magic or file");
        }
        return new StorageConfig(Map.copyOf(hadoop), committer.equals("magic"),
                s.longValue("io.maxPixels", 1, MAX_PIXELS_LIMIT));
    }

    /** The storage every reader and writer of a job uses. */
    public Storage storage() {
        return Storage.of(hadoopSettings).withMaxPixels(maxPixels);
    }
}
