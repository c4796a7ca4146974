package io.imgfilter.request;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The presets of one filter, in declaration order. Declared in web.xml as lines (or
 * {@code ;}-separated entries) {@code name: width=300,fit=cover,public}, or in a properties
 * file as {@code name = width=300,fit=cover,public}. The options use the syntax of flexible
 * URLs; the flag {@code public} exempts the variant from signed tokens.
 */
public final class PresetTable {

    /** Preset names are what the URL carries: letters, digits, '-' and '_'. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final String PUBLIC_FLAG = "public";

    private final Map<String, Preset> byName;

    private PresetTable(Map<String, Preset> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    public static PresetTable empty() {
        return new PresetTable(new LinkedHashMap<>());
    }

    /** @return the preset with that name, or null */
    public Preset get(String name) {
        return byName.get(name);
    }

    public Collection<Preset> all() {
        return byName.values();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    public int size() {
        return byName.size();
    }

    /** Parses the inline web.xml form: entries separated by newlines or ';'. */
    public static PresetTable parseInline(String spec, OptionsParser options) {
        Map<String, Preset> presets = new LinkedHashMap<>();
        for (String entry : spec.split("[;\\r\\n]+")) {
            String line = entry.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("preset entry [" + line + "] has no ':'; expected name: width=300,fit=cover");
            }
            add(presets, line.substring(0, colon).strip(), line.substring(colon + 1), options);
        }
        return new PresetTable(presets);
    }

    /**
     * Parses the properties-file form; keys keep the file's order only as far as
     * {@link Properties} does, so declaration order is lost here.
     */
    public static PresetTable fromProperties(Properties properties, OptionsParser options) {
        Map<String, Preset> presets = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames().stream().sorted().toList()) {
            add(presets, name.strip(), properties.getProperty(name), options);
        }
        return new PresetTable(presets);
    }

    /** A table holding this one's presets followed by the other's; a name in both is an error. */
    public PresetTable merge(PresetTable other) {
        Map<String, Preset> merged = new LinkedHashMap<>(byName);
        for (Preset preset : other.all()) {
            if (merged.putIfAbsent(preset.name(), preset) != null) {
                throw new IllegalArgumentException("preset [" + preset.name() + "] is declared twice");
            }
        }
        return new PresetTable(merged);
    }

    private static void add(Map<String, Preset> presets, String name, String definition, OptionsParser options) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("preset name [" + name + "] must be 1 to 64 letters, digits, '-' or '_'");
        }
        boolean publicAccess = false;
        StringBuilder rest = new StringBuilder();
        for (String token : definition.split(",")) {
            String option = token.strip();
            if (option.toLowerCase(Locale.ROOT).equals(PUBLIC_FLAG)) {
                publicAccess = true;
            } else if (!option.isEmpty()) {
                rest.append(rest.length() == 0 ? "" : ",").append(option);
            }
        }
        ResizeOptions resize;
        try {
            resize = options.parse(rest.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("preset [" + name + "]: " + e.getMessage(), e);
        }
        if (presets.putIfAbsent(name, new Preset(name, resize, publicAccess)) != null) {
            throw new IllegalArgumentException("preset [" + name + "] is declared twice");
        }
    }

    @Override
    public String toString() {
        return List.copyOf(byName.keySet()).toString();
    }
}
