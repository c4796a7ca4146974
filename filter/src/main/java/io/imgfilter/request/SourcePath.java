package io.imgfilter.request;

import java.util.List;

/**
 * The path of an original inside its source, already proven safe by {@link SourcePathParser}:
 * one or more decoded segments, none empty, none {@code .} or {@code ..}, none holding a
 * separator, NUL or control character. A source resolves it below its root and cannot leave it.
 *
 * @param segments the decoded segments, e.g. {@code ["2024", "café terrace.jpg"]}
 * @param raw      the percent-encoded form exactly as the URL carried it
 */
public record SourcePath(List<String> segments, String raw) {

    public SourcePath {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a source path has at least one segment");
        }
    }

    /** The decoded segments joined with '/', e.g. {@code 2024/café terrace.jpg}. */
    public String decoded() {
        return String.join("/", segments);
    }

    /** The last segment, the file name. */
    public String fileName() {
        return segments.get(segments.size() - 1);
    }

    @Override
    public String toString() {
        return raw;
    }
}
