package io.imgfilter.javax;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * A jar or war of the javax flavour as the build made it, read entry by entry, with the two checks
 * every javax module makes of its artifact:
 * <ul>
 * <li>{@link #jakartaReferences()}: no class file refers to anything {@code jakarta}, and no text
 * file (descriptors, TLDs, JSPs, manifests, service files) mentions it;</li>
 * <li>{@link #missingApiMembers(ClassLoader)}: every {@code javax.*} class, constructor, method and
 * field the class files use exists, with that exact descriptor, in the javax APIs the given loader
 * holds (the test class path: javax.servlet-api 4.0.1, javax.servlet.jsp-api 2.3.3). A call to a
 * Servlet 5/6 method would pass the first check after the rename, and fail here instead of with
 * NoSuchMethodError in Tomcat 9.</li>
 * </ul>
 * A class file's constants are those it uses: the class as ASM reads and writes it again, which
 * keeps every constant the class, its members, code and attributes refer to and nothing else. The
 * transformer rewrites an attribute such as a generic method's Signature into a new constant and
 * leaves the old one in the pool, unreferenced; the JVM never reads such an entry (javap -v still
 * prints it). {@link #unusedJakartaConstants()} lists those.
 */
public final class JavaxArchive {

    /** Entries read as text: everything that is neither a class, an archive nor an image. */
    private static final Pattern BINARY = Pattern.compile(
            "(?i).*\\.(class|jar|war|zip|jpe?g|png|gif|webp|ico|bmp|tiff?|so|dll|dylib|jnilib)$");
    private static final Pattern JAVAX_TYPE = Pattern.compile("L(javax/[A-Za-z0-9_/$]+);");

    private final String name;
    private final Map<String, byte[]> entries;

    private JavaxArchive(String name, Map<String, byte[]> entries) {
        this.name = name;
        this.entries = entries;
    }

    /** The archive at the path in system property {@code property}, which failsafe sets. */
    public static JavaxArchive fromProperty(String property) {
        String configured = System.getProperty(property);
        if (configured == null) {
            throw new IllegalStateException("system property " + property
                    + " is not set: run the integration tests with 'mvn verify'");
        }
        return open(Path.of(configured));
    }

    public static JavaxArchive open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " is missing: run 'mvn verify'");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.getFileName().toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JavaxArchive read(String name, InputStream in) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), zip.readAllBytes());
                }
            }
        }
        return new JavaxArchive(name, entries);
    }

    public String name() {
        return name;
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    public boolean contains(String entry) {
        return entries.containsKey(entry);
    }

    public String text(String entry) {
        return new String(bytes(entry), StandardCharsets.UTF_8);
    }

    public byte[] bytes(String entry) {
        byte[] bytes = entries.get(entry);
        if (bytes == null) {
            throw new AssertionError(name + " has no " + entry + "; it has " + entries.keySet());
        }
        return bytes;
    }

    /** An archive inside this one, e.g. {@code WEB-INF/lib/imgfilter-filter-javax-0.1.0.jar}. */
    public JavaxArchive nested(String entry) {
        try {
            return read(name + "!/" + entry, new ByteArrayInputStream(bytes(entry)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> classEntries() {
        return entries.keySet().stream().filter(entry -> entry.endsWith(".class")).sorted().toList();
    }

    /**
     * Every mention of {@code jakarta} left: "entry: its name" for an entry named so (a service
     * file, say); "entry: constant" for class files (any constant the class uses: class and member
     * references, descriptors, signatures, string literals, annotations); "entry:line: text" for
     * text files. The Maven metadata (META-INF/maven: this module's pom, whose comments say what it
     * was made from) is no part of what a container reads.
     */
    public List<String> jakartaReferences() {
        List<String> found = new ArrayList<>();
        entries.forEach((entry, bytes) -> {
            if (entry.contains("jakarta")) {
                // e.g. META-INF/services/jakarta.servlet.ServletContainerInitializer
                found.add(entry + ": its name");
            }
            if (entry.endsWith(".class")) {
                for (String utf8 : ConstantPool.parse(used(bytes)).utf8()) {
                    if (utf8.contains("jakarta")) {
                        found.add(entry + ": " + utf8);
                    }
                }
            } else if (!BINARY.matcher(entry).matches() && !entry.startsWith("META-INF/maven/")) {
                String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (lines[i].contains("jakarta")) {
                        found.add(entry + ":" + (i + 1) + ": " + lines[i].strip());
                    }
                }
            }
        });
        return found;
    }

    /** Constants mentioning {@code jakarta} that are in a class file's pool but used by nothing in it. */
    public List<String> unusedJakartaConstants() {
        List<String> found = new ArrayList<>();
        for (String entry : classEntries()) {
            byte[] bytes = entries.get(entry);
            List<String> used = ConstantPool.parse(used(bytes)).utf8();
            for (String utf8 : ConstantPool.parse(bytes).utf8()) {
                if (utf8.contains("jakarta") && !used.contains(utf8)) {
                    found.add(entry + ": " + utf8);
                }
            }
        }
        return found;
    }

    /** Every string constant of every class file, used or not, as "entry: constant". */
    public List<String> allConstants() {
        List<String> all = new ArrayList<>();
        for (String entry : classEntries()) {
            for (String utf8 : ConstantPool.parse(entries.get(entry)).utf8()) {
                all.add(entry + ": " + utf8);
            }
        }
        return all;
    }

    /** The class file rewritten with a constant pool of only what it uses. */
    private static byte[] used(byte[] classFile) {
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(classFile).accept(writer, 0);
        return writer.toByteArray();
    }

    /** How many references the class files make to javax types and members (to prove the scan saw some). */
    public int javaxReferenceCount() {
        int count = 0;
        for (String entry : classEntries()) {
            ConstantPool pool = ConstantPool.parse(entries.get(entry));
            count += (int) pool.members().stream().filter(member -> member.owner().startsWith("javax/")).count();
        }
        return count;
    }

    /**
     * Each javax type, constructor, method or field a class file refers to that {@code api} does not
     * have, as "entry: what"; empty when everything links.
     */
    public List<String> missingApiMembers(ClassLoader api) {
        Set<String> missing = new TreeSet<>();
        for (String entry : classEntries()) {
            ConstantPool pool = ConstantPool.parse(used(entries.get(entry)));
            Set<String> types = new TreeSet<>(pool.classNames());
            for (String utf8 : pool.utf8()) {
                Matcher matcher = JAVAX_TYPE.matcher(utf8);
                while (matcher.find()) {
                    types.add(matcher.group(1));
                }
            }
            for (String type : types) {
                if (type.startsWith("javax/") && load(type, api) == null) {
                    missing.add(entry + ": class " + type.replace('/', '.'));
                }
            }
            for (MemberRef member : pool.members()) {
                if (!member.owner().startsWith("javax/")) {
                    continue;
                }
                Class<?> owner = load(member.owner(), api);
                if (owner != null && !exists(owner, member)) {
                    missing.add(entry + ": " + member);
                }
            }
        }
        return List.copyOf(missing);
    }

    private static Class<?> load(String internalName, ClassLoader loader) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static boolean exists(Class<?> owner, MemberRef member) {
        if (member.field()) {
            for (Class<?> type : hierarchy(owner)) {
                for (Field field : type.getDeclaredFields()) {
                    if (field.getName().equals(member.name()) && descriptor(field.getType()).equals(member.descriptor())) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (member.name().equals("<init>")) {
            for (Constructor<?> constructor : owner.getDeclaredConstructors()) {
                if (descriptor(constructor.getParameterTypes(), void.class).equals(member.descriptor())) {
                    return true;
                }
            }
            return false;
        }
        for (Class<?> type : hierarchy(owner)) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(member.name())
                        && descriptor(method.getParameterTypes(), method.getReturnType()).equals(member.descriptor())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The class, its superclasses and all their interfaces, as the JVM searches them. */
    private static List<Class<?>> hierarchy(Class<?> type) {
        List<Class<?>> all = new ArrayList<>();
        List<Class<?>> pending = new ArrayList<>(List.of(type));
        while (!pending.isEmpty()) {
            Class<?> next = pending.remove(0);
            if (next == null || all.contains(next)) {
                continue;
            }
            all.add(next);
            pending.add(next.getSuperclass());
            pending.addAll(List.of(next.getInterfaces()));
        }
        if (type.isInterface()) {
            all.add(Object.class);
        }
        return all;
    }

    private static String descriptor(Class<?>[] parameters, Class<?> result) {
        StringBuilder descriptor = new StringBuilder("(");
        for (Class<?> parameter : parameters) {
            descriptor.append(descriptor(parameter));
        }
        return descriptor.append(')').append(descriptor(result)).toString();
    }

    private static String descriptor(Class<?> type) {
        return type.descriptorString();
    }

    @Override
    public String toString() {
        return name;
    }

    /** A field, method or interface method reference: its owner, name and descriptor. */
    record MemberRef(boolean field, String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return (field ? "field " : "method ") + owner.replace('/', '.') + "." + name + " " + descriptor;
        }
    }

    /** The parts of a class file's constant pool the checks need (JVMS 4.4). */
    record ConstantPool(List<String> utf8, List<String> classNames, List<MemberRef> members) {

        static ConstantPool parse(byte[] classFile) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
                if (in.readInt() != 0xCAFEBABE) {
                    throw new IllegalArgumentException("not a class file");
                }
                in.readUnsignedShort(); // minor
                in.readUnsignedShort(); // major
                int count = in.readUnsignedShort();
                int[] tags = new int[count];
                String[] strings = new String[count];
                int[] first = new int[count];
                int[] second = new int[count];
                for (int i = 1; i < count; i++) {
                    int tag = in.readUnsignedByte();
                    tags[i] = tag;
                    switch (tag) {
                        case 1 -> strings[i] = in.readUTF();
                        case 3, 4 -> in.readInt();
                        case 5, 6 -> {
                            in.readLong();
                            i++; // takes two slots
                        }
                        case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                        case 9, 10, 11, 12, 17, 18 -> {
                            first[i] = in.readUnsignedShort();
                            second[i] = in.readUnsignedShort();
                        }
                        case 15 -> {
                            in.readUnsignedByte();
                            first[i] = in.readUnsignedShort();
                        }
                        default -> throw new IllegalArgumentException("constant pool tag " + tag + " at " + i);
                    }
                }
                List<String> utf8 = new ArrayList<>();
                List<String> classNames = new ArrayList<>();
                List<MemberRef> members = new ArrayList<>();
                for (int i = 1; i < count; i++) {
                    switch (tags[i]) {
                        case 1 -> utf8.add(strings[i]);
                        case 7 -> classNames.add(elementType(strings[first[i]]));
                        case 9, 10, 11 -> {
                            String owner = elementType(strings[first[first[i]]]);
                            int nameAndType = second[i];
                            members.add(new MemberRef(tags[i] == 9, owner,
                                    strings[first[nameAndType]], strings[second[nameAndType]]));
                        }
                        default -> {
                        }
                    }
                }
                return new ConstantPool(utf8, classNames, members);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** {@code [Ljavax/servlet/Cookie;} is an array of javax/servlet/Cookie. */
        private static String elementType(String className) {
            if (!className.startsWith("[")) {
                return className;
            }
            String element = className.replaceFirst("^\\[+", "");
            return element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1) : element;
        }
    }
}
