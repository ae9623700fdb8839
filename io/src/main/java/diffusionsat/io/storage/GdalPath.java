package diffusionsat.io.storage;

import diffusionsat.io.StorageException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.gdal.gdal.gdal;

/**
 * How GDAL reaches a file of any store, for reading: a local path in place; an {@code s3a://}
 * object through GDAL's {@code /vsis3/} (HTTP range requests: only the bytes read travel),
 * configured from the same S3A settings the Hadoop side uses (endpoint, path-style access, TLS,
 * region, credentials; per-bucket {@code fs.s3a.bucket.<name>.*} keys first); any other Hadoop
 * store is streamed to a local temporary file (never into the heap), deleted on {@link #close()}.
 * A VRT's own {@code /vsis3/} sources are configured before it is opened, so an executor that
 * never opened a file of their bucket reads them (the VRT may even be local).
 */
public final class GdalPath implements AutoCloseable {
    // A source inside a VRT document: /vsis3/<bucket>/<key>, up to the end of the element.
    private static final Pattern VRT_S3_SOURCE = Pattern.compile("/vsis3/([^/<\"\\s]+)/");

    private final String path;
    private final Path temporary; // null unless the file was copied

    private GdalPath(String path, Path temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /**
     * The GDAL path of {@code uri}. GDAL's drivers must be registered before the path is opened.
     *
     * @throws StorageException when a file of another remote store cannot be copied
     */
    public static GdalPath of(String uri, Storage storage) {
        if (uri.toLowerCase(Locale.ROOT).endsWith(".vrt")) {
            configureSourcesOf(uri, storage);
        }
        Optional<Path> local = Storage.localFile(uri);
        if (local.isPresent()) {
            return new GdalPath(local.get().toString(), null);
        }
        URI parsed = new org.apache.hadoop.fs.Path(uri).toUri();
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("s3a") || scheme.equals("s3")) {
            String bucket = parsed.getAuthority();
            configureS3(bucket, storage.configuration());
            return new GdalPath("/vsis3/" + bucket + parsed.getPath(), null);
        }
        Path copy = copyToLocal(uri, storage);
        return new GdalPath(copy.toString(), copy);
    }

    /** The path to hand to {@code gdal.Open}. */
    public String path() {
        return path;
    }

    /** Whether GDAL reads the file over the network (a cache of headers is worth keeping). */
    public boolean remote() {
        return path.startsWith("/vsi");
    }

    @Override
    public void close() {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // The temporary folder is cleaned by the OS; a leftover copy is harmless.
            }
        }
    }

    /**
     * The S3 options of every bucket a VRT's sources name. One level: the sources of a source
     * that is itself a VRT are not configured here. A VRT is a small XML document.
     */
    private static void configureSourcesOf(String vrtUri, Storage storage) {
        String xml = new String(storage.readAllBytes(vrtUri), StandardCharsets.UTF_8);
        Matcher source = VRT_S3_SOURCE.matcher(xml);
        Set<String> buckets = new TreeSet<>();
        while (source.find()) {
            buckets.add(source.group(1));
        }
        buckets.forEach(bucket -> configureS3(bucket, storage.configuration()));
    }

    /**
     * GDAL's {@code AWS_*} options for one bucket, as path-specific options of {@code
     * /vsis3/<bucket>} so that buckets of different stores can coexist in one JVM.
     */
    private static void configureS3(String bucket, Configuration conf) {
        String prefix = "/vsis3/" + bucket;
        S3Settings s3 = new S3Settings(bucket, conf);
        String endpoint = s3.get("endpoint");
        if (!endpoint.isEmpty()) {
            boolean tls = s3.flag("connection.ssl.enabled", true);
            if (endpoint.startsWith("http://") || endpoint.startsWith("https://")) {
                tls = endpoint.startsWith("https://");
                endpoint = endpoint.substring(endpoint.indexOf("://") + 3);
            }
            endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1)
                    : endpoint;
            gdal.SetPathSpecificOption(prefix, "AWS_S3_ENDPOINT", endpoint);
            gdal.SetPathSpecificOption(prefix, "AWS_HTTPS", tls ? "YES" : "NO");
        }
        gdal.SetPathSpecificOption(prefix, "AWS_VIRTUAL_HOSTING",
                s3.flag("path.style.access", false) ? "FALSE" : "TRUE");
        String region = s3.get("endpoint.region");
        if (!region.isEmpty()) {
            gdal.SetPathSpecificOption(prefix, "AWS_REGION", region);
        }
        // Without keys GDAL falls back to its own chain (environment, ~/.aws, instance role),
        // as Hadoop's default provider chain does.
        String accessKey = s3.secret("access.key");
        String secretKey = s3.secret("secret.key");
        if (!accessKey.isEmpty() && !secretKey.isEmpty()) {
            gdal.SetPathSpecificOption(prefix, "AWS_ACCESS_KEY_ID", accessKey);
            gdal.SetPathSpecificOption(prefix, "AWS_SECRET_ACCESS_KEY", secretKey);
            String token = s3.secret("session.token");
            if (!token.isEmpty()) {
                gdal.SetPathSpecificOption(prefix, "AWS_SESSION_TOKEN", token);
            }
        }
        // Opening a file must not list the bucket looking for sidecar files.
        gdal.SetPathSpecificOption(prefix, "GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
    }

    private static Path copyToLocal(String uri, Storage storage) {
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(uri);
        try {
            Path copy = Files.createTempFile("diffusionsat-read-", "-" + source.getName()
                    .replaceAll("[^A-Za-z0-9._-]", "_"));
            FileSystem fs = source.getFileSystem(storage.configuration());
            try {
                fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(copy.toUri()),
                        true);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(copy);
                throw e;
            }
            return copy;
        } catch (IOException e) {
            throw new StorageException(uri, "cannot read: " + e.getMessage(), e);
        }
    }

    /** S3A keys of one bucket: {@code fs.s3a.bucket.<bucket>.<key>} before {@code fs.s3a.<key>}. */
    private record S3Settings(String bucket, Configuration conf) {
        String get(String key) {
            String perBucket = conf.getTrimmed("fs.s3a.bucket." + bucket + "." + key);
            return perBucket != null ? perBucket : conf.getTrimmed("fs.s3a." + key, "");
        }

        boolean flag(String key, boolean fallback) {
            String value = get(key);
            return value.isEmpty() ? fallback : Boolean.parseBoolean(value);
        }

        /** Through Hadoop's credential providers where configured, as S3A reads its secrets. */
        String secret(String key) {
            try {
                char[] perBucket = conf.getPassword("fs.s3a.bucket." + bucket + "." + key);
                char[] value = perBucket != null ? perBucket : conf.getPassword("fs.s3a." + key);
                return value == null ? "" : new String(value).trim();
            } catch (IOException e) {
                throw new StorageException("s3a://" + bucket, "cannot read fs.s3a." + key
                        + ": " + e.getMessage(), e);
            }
        }
    }
}
