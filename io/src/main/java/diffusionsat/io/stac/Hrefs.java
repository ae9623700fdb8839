package diffusionsat.io.stac;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * STAC hrefs (links and assets) resolved against the document that holds them, as a browser
 * resolves a relative URL: {@code ../b.json} from {@code s3a://bkt/x/cat/catalog.json} is {@code
 * s3a://bkt/x/b.json}; an absolute href (a scheme, or a path from {@code /}) is kept.
 */
public final class Hrefs {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private Hrefs() {}

    /** {@code href} resolved against the URI of the document it appears in. */
    public static String resolve(String documentUri, String href) {
        if (href.startsWith("/") || SCHEME.matcher(href).find()) {
            return normalise(href);
        }
        int slash = documentUri.lastIndexOf('/');
        String folder = slash < 0 ? "" : documentUri.substring(0, slash + 1);
        return normalise(folder + href);
    }

    /** Removes {@code .} and {@code ..} segments after the scheme and authority. */
    private static String normalise(String uri) {
        int start = 0;
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd > 0 && SCHEME.matcher(uri).find()) {
            int authorityEnd = uri.indexOf('/', schemeEnd + 3);
            if (authorityEnd < 0) {
                return uri;
            }
            start = authorityEnd;
        }
        String[] parts = uri.substring(start).split("/", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = parts[i];
            int last = out.size() - 1;
            if (i == 0 && segment.isEmpty()) {
                out.add(segment); // the leading slash of an absolute path
            } else if (segment.equals(".") || (segment.isEmpty() && i < parts.length - 1)) {
                continue;
            } else if (segment.equals("..") && last >= 0 && !out.get(last).isEmpty()
                    && !out.get(last).equals("..")) {
                out.remove(last);
            } else {
                out.add(segment);
            }
        }
        return uri.substring(0, start) + String.join("/", out);
    }

    /**
     * The path GDAL opens for an href: {@code s3a://} and {@code s3://} as {@code /vsis3/},
     * {@code http(s)://} as {@code /vsicurl/}, {@code file:} as the plain path.
     */
    public static String gdalPath(String uri) {
        String lower = uri.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("s3a://") || lower.startsWith("s3://")) {
            return "/vsis3/" + uri.substring(uri.indexOf("://") + 3);
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return "/vsicurl/" + uri;
        }
        if (lower.startsWith("file:")) {
            return java.nio.file.Path.of(java.net.URI.create(uri)).toString();
        }
        return uri;
    }
}
