package io.imgfilter.taglib.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A rendered page, read the way a browser reads the few elements the tests look at. */
final class Page {

    private static final Pattern IMG = Pattern.compile("<img((?:\\s+[A-Za-z][A-Za-z0-9_:.-]*=\"[^\"<>]*\")*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s+([A-Za-z][A-Za-z0-9_:.-]*)=\"([^\"]*)\"");

    final int status;
    final String body;

    Page(int status, String body) {
        this.status = status;
        this.body = body;
    }

    /** The img elements as written: each attribute's raw (still escaped) value, in order. */
    List<Map<String, String>> rawImages() {
        List<Map<String, String>> images = new ArrayList<>();
        Matcher img = IMG.matcher(body);
        while (img.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(img.group(1));
            while (attribute.find()) {
                if (attributes.put(attribute.group(1), attribute.group(2)) != null) {
                    throw new AssertionError("attribute " + attribute.group(1) + " written twice in " + img.group());
                }
            }
            images.add(attributes);
        }
        return images;
    }

    /** The img elements with their attribute values unescaped, as the DOM has them. */
    List<Map<String, String>> images() {
        List<Map<String, String>> images = rawImages();
        for (Map<String, String> image : images) {
            image.replaceAll((name, value) -> unescape(value));
        }
        return images;
    }

    /** The one img element of the page. */
    Map<String, String> image() {
        List<Map<String, String>> images = images();
        if (images.size() != 1) {
            throw new AssertionError("expected one img element, found " + images.size() + " in:\n" + body);
        }
        return images.get(0);
    }

    /** The text of the element with this id (no nested elements), still escaped. */
    String rawText(String id) {
        Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(body);
        if (!matcher.find()) {
            throw new AssertionError("no element " + id + " in:\n" + body);
        }
        return matcher.group(1);
    }

    /** An attribute of the element with this id, still escaped. */
    String rawAttribute(String id, String name) {
        Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*?\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(body);
        if (!matcher.find()) {
            throw new AssertionError("no attribute " + name + " on element " + id + " in:\n" + body);
        }
        return matcher.group(1);
    }

    /** The URLs of a srcset value with their w descriptors. */
    static Map<String, Integer> srcset(String srcset) {
        Map<String, Integer> candidates = new LinkedHashMap<>();
        for (String entry : srcset.split(",\\s+")) {
            String[] parts = entry.strip().split("\\s+");
            if (parts.length != 2 || !parts[1].endsWith("w")) {
                throw new AssertionError("srcset entry [" + entry + "] is not 'url Nw'");
            }
            candidates.put(parts[0], Integer.parseInt(parts[1].substring(0, parts[1].length() - 1)));
        }
        return candidates;
    }

    static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
