package io.imgfilter.taglib.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;

/** The tag library's contract in embedded Tomcat with its Jasper. */
class TagLibraryTomcatIT extends TagLibraryInContainer {

    private static final String SCHEMAS = "/jakarta/servlet/resources/";

    @Override
    ServletContainer create(Path work) throws Exception {
        return new TomcatContainer(work);
    }

    /** Validates the TLD of the taglib jar against the JSP 3.0 tag library schema Tomcat ships, offline. */
    @Test
    void theTldIsValidAgainstTheTagLibrarySchema() throws Exception {
        DOMImplementationLS ls = (DOMImplementationLS) DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation();
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
            String name = systemId.substring(systemId.lastIndexOf('/') + 1);
            InputStream schema = TagLibraryTomcatIT.class.getResourceAsStream(SCHEMAS + name);
            if (schema == null) {
                throw new IllegalStateException("schema " + systemId + " is not among Tomcat's");
            }
            LSInput input = ls.createLSInput();
            input.setByteStream(schema);
            input.setSystemId(systemId);
            return input;
        });
        URL xsd = TagLibraryTomcatIT.class.getResource(SCHEMAS + "web-jsptaglibrary_3_0.xsd");
        assertNotNull(xsd);
        Schema schema = factory.newSchema(xsd);
        try (InputStream tld = TestWebapps.tagLibraryJarEntry("META-INF/imgfilter.tld")) {
            schema.newValidator().validate(new StreamSource(tld));
        }
    }
}
