package io.imgfilter.taglib.it;

import io.imgfilter.ImageUrls;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Builds the exploded webapps the container tests deploy: web.xml, the test JSPs, and in
 * WEB-INF/lib the packaged tag library jar, the filter jar and Thumbnailator, as a user's webapp
 * has them; and a directory of originals with names that need every kind of encoding.
 */
final class TestWebapps {

    /** The key of filter imageResizer (with key id k2) and of the remote webapp's context-params. */
    static final String KEY = "k2:taglib-test-key-0123456789abcdef0123";
    static final String PICTURES_KEY = "pictures-test-key-fedcba9876543210fedc";

    static final int ORIGINAL_WIDTH = 1200;
    static final int ORIGINAL_HEIGHT = 800;

    /** Originals whose names need percent-encoding (and HTML escaping) of every kind. */
    static final List<String> TRICKY_NAMES = List.of(
            "2024/café & co's <1>+%.jpg",
            "2024/space name.jpg",
            "hash#and?question.jpg",
            "quote\"double.jpg",
            "equals=and,comma(1)!.jpg",
            "plus+sign~tilde_under-dash.jpg",
            "日本語/写真 一.jpg",
            "emoji 😀 face.jpg",
            "Ünïcödé/ÅÄÖ åäö.jpg",
            "deep/er/and/deeper/cat.jpg");

    private TestWebapps() {
    }

    static Path originals(Path root) throws IOException {
        Path originals = Files.createDirectories(root.resolve("originals"));
        byte[] jpeg = jpeg(ORIGINAL_WIDTH, ORIGINAL_HEIGHT);
        for (String name : TRICKY_NAMES) {
            Path file = originals.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, jpeg);
        }
        Files.write(originals.resolve("cat.jpg"), jpeg);
        return originals;
    }

    /** The webapp with two filters: imageResizer on /images/* and pictures on /pics/*. */
    static Path shop(Path root, Path originals) throws IOException {
        String webXml = """
                  <context-param>
                    <param-name>imgfilter.default-ttl</param-name>
                    <param-value>2h</param-value>
                  </context-param>
                  <filter>
                    <filter-name>imageResizer</filter-name>
                    <filter-class>io.imgfilter.ImageResizingFilter</filter-class>
                    <init-param><param-name>source</param-name><param-value>%s</param-value></init-param>
                    <init-param>
                      <param-name>presets</param-name>
                      <param-value>
                        thumb:  width=150,height=150,fit=cover,public
                        small:  width=300
                        medium: width=600
                        large:  width=900
                        banner: width=400,height=100,fit=cover
                        wide:   width=800,height=200,fit=cover
                        tall:   height=300
                      </param-value>
                    </init-param>
                    <init-param><param-name>flexible-options</param-name><param-value>true</param-value></init-param>
                    <init-param><param-name>max-width</param-name><param-value>1000</param-value></init-param>
                    <init-param><param-name>signing-keys</param-name><param-value>%s</param-value></init-param>
                  </filter>
                  <filter-mapping>
                    <filter-name>imageResizer</filter-name>
                    <url-pattern>/images/*</url-pattern>
                  </filter-mapping>
                  <filter>
                    <filter-name>pictures</filter-name>
                    <filter-class>io.imgfilter.ImageResizingFilter</filter-class>
                    <init-param><param-name>source</param-name><param-value>%s</param-value></init-param>
                    <init-param><param-name>presets</param-name><param-value>tiny: width=50</param-value></init-param>
                    <init-param><param-name>signing-keys</param-name><param-value>%s</param-value></init-param>
                  </filter>
                  <filter-mapping>
                    <filter-name>pictures</filter-name>
                    <url-pattern>/pics/*</url-pattern>
                  </filter-mapping>
                """.formatted(xml(originals.toString()), xml(KEY), xml(originals.toString()), xml(PICTURES_KEY));
        return webapp(root.resolve("shop"), webXml);
    }

    /** A webapp without filter that signs, from context-params, URLs served by another webapp at {@code baseUrl}. */
    static Path remote(Path root, String baseUrl) throws IOException {
        String webXml = """
                  <context-param><param-name>imgfilter.base-url</param-name><param-value>%s</param-value></context-param>
                  <context-param>
                    <param-name>imgfilter.presets</param-name>
                    <param-value>
                      thumb:  width=150,height=150,fit=cover,public
                      small:  width=300
                      medium: width=600
                      large:  width=900
                    </param-value>
                  </context-param>
                  <context-param><param-name>imgfilter.flexible-options</param-name><param-value>true</param-value></context-param>
                  <context-param><param-name>imgfilter.max-width</param-name><param-value>1000</param-value></context-param>
                  <context-param><param-name>imgfilter.signing-keys</param-name><param-value>${sys:imgfilter.test.no-such-property|%s}</param-value></context-param>
                  <context-param><param-name>imgfilter.default-ttl</param-name><param-value>10m</param-value></context-param>
                """.formatted(xml(baseUrl), xml(KEY));
        return webapp(root.resolve("remote"), webXml);
    }

    /** A webapp with the tag library but neither filter nor context-params. */
    static Path bare(Path root) throws IOException {
        return webapp(root.resolve("bare"), "");
    }

    /** A webapp whose context-params are wrong: it must not start. */
    static Path broken(Path root) throws IOException {
        String webXml = """
                  <context-param><param-name>imgfilter.base-url</param-name><param-value>/images</param-value></context-param>
                  <context-param><param-name>imgfilter.presets</param-name><param-value>small: width=300</param-value></context-param>
                  <context-param><param-name>imgfilter.signing-key</param-name><param-value>typo-in-the-name</param-value></context-param>
                """;
        return webapp(root.resolve("broken"), webXml);
    }

    private static Path webapp(Path dir, String webXmlBody) throws IOException {
        Path webInf = Files.createDirectories(dir.resolve("WEB-INF"));
        Files.writeString(webInf.resolve("web.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0">
                %s
                </web-app>
                """.formatted(webXmlBody), StandardCharsets.UTF_8);
        Path lib = Files.createDirectories(webInf.resolve("lib"));
        copyJar(tagLibraryJar(), lib.resolve("imgfilter-taglib.jar"));
        copyJar(codeSource(ImageUrls.class), lib.resolve("imgfilter-filter.jar"));
        copyJar(codeSource(net.coobird.thumbnailator.Thumbnails.class), lib.resolve("thumbnailator.jar"));
        for (String page : List.of("signed.jsp", "literal.jsp", "url.jsp", "expires.jsp", "error.jsp")) {
            try (InputStream in = TestWebapps.class.getResourceAsStream("/webapp/" + page)) {
                Files.copy(in, dir.resolve(page), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    /** A file of the tag library jar (or of its classes, in an IDE). */
    static InputStream tagLibraryJarEntry(String name) throws IOException {
        Path jar = tagLibraryJar();
        if (Files.isDirectory(jar)) {
            return Files.newInputStream(jar.resolve(name));
        }
        java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile());
        java.util.zip.ZipEntry entry = file.getEntry(name);
        if (entry == null) {
            file.close();
            throw new IOException(name + " is not in " + jar);
        }
        return new java.io.FilterInputStream(file.getInputStream(entry)) {
            @Override
            public void close() throws IOException {
                super.close();
                file.close();
            }
        };
    }

    /** The packaged jar failsafe names, else (in an IDE) the compiled classes. */
    private static Path tagLibraryJar() {
        String jar = System.getProperty("imgfilter.taglib.jar");
        if (jar != null && Files.isRegularFile(Path.of(jar))) {
            return Path.of(jar);
        }
        return codeSource(io.imgfilter.taglib.ImageTagListener.class);
    }

    private static Path codeSource(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a jar, or packs a directory of classes into one. */
    private static void copyJar(Path from, Path to) throws IOException {
        if (Files.isRegularFile(from)) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (OutputStream out = Files.newOutputStream(to); ZipOutputStream zip = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                zip.putNextEntry(new ZipEntry(from.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }

    static byte[] jpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int x = 0; x < width; x += 8) {
            g.setColor(new Color(40, 80 + (120 * x / width), 160));
            g.fillRect(x, 0, 8, height);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
