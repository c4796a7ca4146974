package io.imgfilter.demo.javax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.servlet.Filter;
import javax.xml.parsers.DocumentBuilderFactory;

import io.imgfilter.javax.JavaxArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * What the build put into example-webapp-javax.war, compared with example-webapp.war it was made
 * from: the same webapp, with a Servlet 4.0 web.xml, JSTL 1.2's taglib URIs, javax classes and
 * the javax jars in WEB-INF/lib.
 */
class JavaxWarIT {

    static final String LIB = "WEB-INF/lib/";
    static final String JCP = "http://xmlns.jcp.org/xml/ns/javaee";
    /** Each jakarta jar of the demo WAR and its javax counterpart; every other jar is the same library. */
    static final Map<String, String> SWAPPED_JARS = Map.of(
            "imgfilter-filter", "imgfilter-filter-javax",
            "imgfilter-taglib", "imgfilter-taglib-javax",
            "jakarta.servlet.jsp.jstl", "javax.servlet.jsp.jstl",
            "jakarta.servlet.jsp.jstl-api", "javax.servlet.jsp.jstl-api");
    /** JSTL 3.0's taglib URIs and JSTL 1.2's. */
    static final Map<String, String> JSTL_URIS = Map.of(
            "jakarta.tags.core", "http://java.sun.com/jsp/jstl/core",
            "jakarta.tags.functions", "http://java.sun.com/jsp/jstl/functions");

    static JavaxArchive javax;
    static JavaxArchive jakarta;

    @BeforeAll
    static void read() {
        javax = JavaxArchive.fromProperty("javax.war");
        jakarta = JavaxArchive.fromProperty("jakarta.war");
    }

    @Test
    void webXmlIsAServlet40Descriptor() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element webApp = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(javax.bytes("WEB-INF/web.xml"))).getDocumentElement();

        assertEquals("web-app", webApp.getLocalName());
        assertEquals(JCP, webApp.getNamespaceURI());
        assertEquals("4.0", webApp.getAttribute("version"));
        assertEquals(JCP + " " + JCP + "/web-app_4_0.xsd",
                webApp.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "schemaLocation"));
    }

    @Test
    void webXmlSaysEverythingElseAsTheJakartaOneDoes() {
        String expected = jakarta.text("WEB-INF/web.xml")
                .replace("https://jakarta.ee/xml/ns/jakartaee", JCP)
                .replace("web-app_6_0.xsd", "web-app_4_0.xsd")
                .replace("version=\"6.0\"", "version=\"4.0\"");
        assertEquals(expected, javax.text("WEB-INF/web.xml"));
        // the placeholders the filter resolves at start-up are left alone
        assertTrue(expected.contains("${env:IMAGE_ORIGIN_URL|env:IMAGE_ORIGINALS_DIR|webapp:/WEB-INF/originals}"));
    }

    @Test
    void pagesFragmentsAndTagFilesUseJstl12Uris() {
        List<String> pages = javax.names().stream()
                .filter(name -> name.matches(".*\\.(jsp|jspf|tag)$"))
                .toList();
        assertTrue(pages.size() >= 10, pages::toString);
        int taglibs = 0;
        for (String page : pages) {
            String expected = jakarta.text(page);
            for (Map.Entry<String, String> uri : JSTL_URIS.entrySet()) {
                expected = expected.replace("uri=\"" + uri.getKey() + "\"", "uri=\"" + uri.getValue() + "\"");
            }
            String actual = javax.text(page);
            assertEquals(expected, actual, page);
            assertFalse(actual.contains("jakarta.tags"), page);
            if (actual.contains("uri=\"http://java.sun.com/jsp/jstl/core\"")) {
                taglibs++;
            }
        }
        assertTrue(taglibs >= 8, "every page and the tag file use c:");
    }

    @Test
    void noJakartaReferenceIsLeftOutsideTheThirdPartyJars() {
        assertEquals(List.of(), javax.jakartaReferences());
        assertEquals(List.of(), javax.missingApiMembers(Filter.class.getClassLoader()));
        assertTrue(javax.javaxReferenceCount() > 0, "the demo's classes call the servlet API");
    }

    @Test
    void sameWebappAsTheJakartaWar() {
        assertEquals(webappEntries(jakarta), webappEntries(javax));
    }

    @Test
    void samplesAndStaticFilesAreCopiedByteForByte() {
        List<String> unchanged = javax.names().stream()
                .filter(name -> name.startsWith("WEB-INF/originals/") || name.startsWith("css/") || name.startsWith("js/"))
                .toList();
        assertTrue(unchanged.size() >= 7, unchanged::toString);
        for (String name : unchanged) {
            assertArrayEquals(jakarta.bytes(name), javax.bytes(name), name);
        }
    }

    @Test
    void webInfLibHasTheJavaxJarsInsteadOfTheJakartaOnes() {
        Set<String> expected = libraries(jakarta).stream()
                .map(library -> SWAPPED_JARS.getOrDefault(library, library))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, libraries(javax));
        assertTrue(javax.contains(LIB + "javax.servlet.jsp.jstl-1.2.5.jar"), javax.names()::toString);
        assertTrue(javax.contains(LIB + "javax.servlet.jsp.jstl-api-1.2.2.jar"), javax.names()::toString);
        // no container API in the WAR
        assertTrue(libraries(javax).stream().noneMatch(library -> library.matches(".*(servlet-api|jsp-api|el-api).*")),
                libraries(javax)::toString);
    }

    @Test
    void imgfilterJarsAreThoseTheJavaxModulesBuilt() {
        for (String property : List.of("filter.javax.jar", "taglib.javax.jar")) {
            JavaxArchive built = JavaxArchive.fromProperty(property);
            JavaxArchive packed = javax.nested(LIB + built.name());
            assertEquals(built.names(), packed.names(), property);
            for (String entry : built.names()) {
                if (!entry.startsWith("META-INF/maven/")) {
                    assertArrayEquals(built.bytes(entry), packed.bytes(entry), entry);
                }
            }
        }
    }

    /** Everything but WEB-INF/lib and the Maven metadata. */
    static Set<String> webappEntries(JavaxArchive war) {
        return war.names().stream()
                .filter(name -> !name.startsWith(LIB) && !name.startsWith("META-INF/"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** WEB-INF/lib's jars without versions, e.g. caffeine. */
    static Set<String> libraries(JavaxArchive war) {
        return war.names().stream()
                .filter(name -> name.startsWith(LIB) && name.endsWith(".jar"))
                .map(name -> name.substring(LIB.length()).replaceFirst("-\\d[^-]*(-SNAPSHOT)?\\.jar$", ""))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
