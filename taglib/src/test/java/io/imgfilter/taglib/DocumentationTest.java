package io.imgfilter.taglib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.jsp.tagext.DynamicAttributes;
import jakarta.servlet.jsp.tagext.SimpleTag;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Keeps the TLD, the classes it names and the root README's tag library section in step: every tag, attribute,
 * function and listener is described, exists in code, and is documented; every context-param
 * is in the README table with its default.
 */
class DocumentationTest {

    private static final String SECTION = "## JSP tag library";

    private static final String URI = "urn:imgfilter:tags";

    private static Element taglib;
    private static String readme;

    @BeforeAll
    static void read() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try (InputStream in = DocumentationTest.class.getResourceAsStream("/META-INF/imgfilter.tld")) {
            Document document = factory.newDocumentBuilder().parse(in);
            taglib = document.getDocumentElement();
        }
        String whole = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int start = whole.indexOf(SECTION);
        int end = start < 0 ? -1 : whole.indexOf("\n## ", start + SECTION.length());
        readme = start < 0 ? "" : whole.substring(start, end < 0 ? whole.length() : end);
    }

    @Test
    void theTldIsAJsp30TagLibraryWithAStableUri() {
        assertEquals("taglib", taglib.getLocalName());
        assertEquals("https://jakarta.ee/xml/ns/jakartaee", taglib.getNamespaceURI());
        assertEquals("3.0", taglib.getAttribute("version"));
        assertEquals(URI, text(taglib, "uri"));
        assertEquals("img", text(taglib, "short-name"));
        assertDescribed(taglib, "taglib");
        assertTrue(readme.contains("uri=\"" + URI + "\""), "README uses the URI");
    }

    @Test
    void everyTagAndAttributeIsDescribedAndHasASetter() throws Exception {
        List<Element> tags = children(taglib, "tag");
        assertEquals(2, tags.size());
        for (Element tag : tags) {
            String name = text(tag, "name");
            assertDescribed(tag, "tag " + name);
            Class<?> type = Class.forName(text(tag, "tag-class"));
            assertTrue(SimpleTag.class.isAssignableFrom(type), name);
            type.getConstructor();
            Set<String> declared = new TreeSet<>();
            for (Element attribute : children(tag, "attribute")) {
                String attributeName = text(attribute, "name");
                declared.add(attributeName);
                assertDescribed(attribute, name + "/" + attributeName);
                Class<?> attributeType = Class.forName(text(attribute, "type"));
                Method setter = type.getMethod("set" + Character.toUpperCase(attributeName.charAt(0)) + attributeName.substring(1),
                        attributeType);
                assertTrue(Modifier.isPublic(setter.getModifiers()), setter.toString());
                assertTrue(readme.contains("`" + attributeName + "`"), "README names " + name + "/" + attributeName);
            }
            Set<String> setters = new TreeSet<>();
            for (Method method : type.getMethods()) {
                if (method.getName().startsWith("set") && method.getParameterCount() == 1
                        && method.getDeclaringClass().getName().startsWith("io.imgfilter.taglib")) {
                    setters.add(Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4));
                }
            }
            assertEquals(setters, declared, "the setters of " + type.getSimpleName() + " are the TLD's attributes");
            boolean dynamic = "true".equals(text(tag, "dynamic-attributes"));
            assertEquals(DynamicAttributes.class.isAssignableFrom(type), dynamic, name + " dynamic attributes");
            assertTrue(readme.contains("<img:" + name), "README shows <img:" + name + ">");
        }
    }

    @Test
    void everyFunctionIsDescribedAndResolves() throws Exception {
        List<Element> functions = children(taglib, "function");
        assertEquals(3, functions.size());
        Pattern signature = Pattern.compile("\\s*([\\w.]+)\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*");
        for (Element function : functions) {
            String name = text(function, "name");
            assertDescribed(function, "function " + name);
            Matcher parts = signature.matcher(text(function, "function-signature"));
            assertTrue(parts.matches(), name);
            List<Class<?>> parameters = new ArrayList<>();
            for (String parameter : parts.group(3).split(",")) {
                parameters.add(Class.forName(parameter.strip()));
            }
            Method method = Class.forName(text(function, "function-class")).getMethod(parts.group(2), parameters.toArray(Class[]::new));
            assertTrue(Modifier.isStatic(method.getModifiers()) && Modifier.isPublic(method.getModifiers()), method.toString());
            assertEquals(Class.forName(parts.group(1)), method.getReturnType());
            assertEquals(name, parts.group(2));
            assertTrue(readme.contains("${img:" + name + "("), "README shows img:" + name);
        }
    }

    @Test
    void theListenerIsDeclaredAndListensToContextsAndRequests() throws Exception {
        List<Element> listeners = children(taglib, "listener");
        assertEquals(1, listeners.size());
        assertDescribed(listeners.get(0), "listener");
        Class<?> type = Class.forName(text(listeners.get(0), "listener-class"));
        assertTrue(ServletContextListener.class.isAssignableFrom(type));
        assertTrue(ServletRequestListener.class.isAssignableFrom(type));
        assertTrue(readme.contains(type.getName()), "README names the listener for containers that skip TLD listeners");
    }

    @Test
    void everyContextParamIsInTheReadmeTableWithItsDefault() {
        for (ContextParam param : ContextParam.values()) {
            String row = Arrays.stream(readme.split("\n")).filter(line -> line.startsWith("| `" + param.paramName() + "` |"))
                    .findFirst().orElse(null);
            assertTrue(row != null, "README table has a row for " + param.paramName());
            if (param.defaultValue() != null) {
                assertTrue(row.contains("| `" + param.defaultValue() + "` |"), "default of " + param.paramName() + " in: " + row);
            }
        }
        Matcher mentioned = Pattern.compile("`(imgfilter\\.[a-z-]+)`").matcher(readme);
        while (mentioned.find()) {
            assertTrue(ContextParam.byName(mentioned.group(1)) != null, "README names an unknown context-param " + mentioned.group(1));
        }
    }

    @Test
    void theReadmeSectionHasNoLeftovers() {
        assertTrue(readme.startsWith(SECTION), "README.md has a section " + SECTION);
        assertFalse(readme.contains("TODO"));
    }

    private static void assertDescribed(Element element, String what) {
        String description = text(element, "description");
        assertTrue(description != null && description.strip().length() > 10, what + " has a description");
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().strip();
    }
}
