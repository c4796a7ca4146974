package io.imgfilter.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;

import javax.servlet.jsp.JspContext;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The jar this module builds, imgfilter-taglib-javax: classes that link against the JSP 2.3 and
 * Servlet 4.0 APIs, and a TLD in the schema JSP 2.1 introduced (which 2.2 and 2.3 kept).
 */
class TaglibJavaxJarIT {

    static final String TLD = "META-INF/imgfilter.tld";
    static final String JAVAEE = "http://java.sun.com/xml/ns/javaee";

    static JavaxArchive javax;
    static JavaxArchive jakarta;

    @BeforeAll
    static void read() {
        javax = JavaxArchive.fromProperty("javax.jar");
        jakarta = JavaxArchive.fromProperty("jakarta.jar");
    }

    @Test
    void noJakartaReferenceIsLeft() {
        assertEquals(List.of(), javax.jakartaReferences());
        assertTrue(jakarta.jakartaReferences().stream().anyMatch(found -> found.startsWith(TLD)),
                jakarta.jakartaReferences()::toString);
    }

    /**
     * The transformer writes a rewritten generic Signature (ImageTagSupport.withUrls) as a new
     * constant and leaves the old one in the pool, where nothing uses it. Those leftovers must be
     * the jakarta jar's constants, untouched: nothing the transformer wrote mentions jakarta.
     */
    @Test
    void onlyUnusedOriginalConstantsStillSayJakarta() {
        List<String> original = jakarta.allConstants();
        for (String leftover : javax.unusedJakartaConstants()) {
            assertTrue(original.contains(leftover), leftover + " is not one of the jakarta jar's constants");
        }
    }

    @Test
    void everyJspAndServletReferenceExistsInJsp23() {
        String api = JspContext.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(api.contains("javax.servlet.jsp-api-2.3.3"), api);

        assertEquals(List.of(), javax.missingApiMembers(JspContext.class.getClassLoader()));
        assertTrue(javax.javaxReferenceCount() > 10, "the tags call the JSP API");
    }

    @Test
    void sameClassesAsTheJakartaJar() {
        assertEquals(jakarta.classEntries(), javax.classEntries());
    }

    @Test
    void tldDeclaresTheJsp21Schema() throws Exception {
        Element taglib = parse(javax.bytes(TLD)).getDocumentElement();

        assertEquals("taglib", taglib.getLocalName());
        assertEquals(JAVAEE, taglib.getNamespaceURI());
        assertEquals("2.1", taglib.getAttribute("version"));
        assertEquals(JAVAEE + " " + JAVAEE + "/web-jsptaglibrary_2_1.xsd",
                taglib.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "schemaLocation"));
    }

    @Test
    void tldSaysEverythingElseAsTheJakartaOneDoes() {
        String expected = jakarta.text(TLD)
                .replace("https://jakarta.ee/xml/ns/jakartaee", JAVAEE)
                .replace("web-jsptaglibrary_3_0.xsd", "web-jsptaglibrary_2_1.xsd")
                .replace("version=\"3.0\"", "version=\"2.1\"");
        assertEquals(expected, javax.text(TLD));
    }

    @Test
    void everyClassTheTldNamesIsInTheJar() throws Exception {
        Document tld = parse(javax.bytes(TLD));
        int named = 0;
        for (String element : List.of("listener-class", "tag-class", "function-class")) {
            NodeList classes = tld.getElementsByTagNameNS(JAVAEE, element);
            for (int i = 0; i < classes.getLength(); i++, named++) {
                String entry = classes.item(i).getTextContent().trim().replace('.', '/') + ".class";
                assertTrue(javax.contains(entry), entry);
            }
        }
        assertTrue(named >= 4, "listener, two tags, the functions");
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
