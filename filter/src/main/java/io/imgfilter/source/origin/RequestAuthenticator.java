package io.imgfilter.source.origin;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Adds credentials to each request the filter sends to its origin. */
public interface RequestAuthenticator {

    /**
     * @param uri     the request's URL
     * @param headers the headers the request already carries (names as written)
     * @return the headers to add
     */
    List<Map.Entry<String, String>> headers(String method, URI uri, List<Map.Entry<String, String>> headers);

    /** True when the added headers are credentials, so that the results are private. */
    boolean sendsCredentials();
}
