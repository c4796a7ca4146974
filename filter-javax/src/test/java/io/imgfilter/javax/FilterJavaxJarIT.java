package io.imgfilter.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.jar.Manifest;

import javax.servlet.Filter;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jar this module builds, imgfilter-filter-javax: the jakarta jar's classes, rewritten so that
 * they link against javax.servlet-api 4.0.1 and nothing else.
 */
class FilterJavaxJarIT {

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
        // the scan finds what it looks for: the input is full of them
        assertTrue(jakarta.jakartaReferences().size() > 20, jakarta.jakartaReferences()::toString);
    }

    @Test
    void everyServletReferenceExistsInServlet4() {
        String api = Filter.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(api.contains("javax.servlet-api-4.0.1"), api);

        assertEquals(List.of(), javax.missingApiMembers(Filter.class.getClassLoader()));
        assertTrue(javax.javaxReferenceCount() > 20, "the filter calls the servlet API");
    }

    @Test
    void sameClassesAsTheJakartaJar() {
        assertEquals(jakarta.classEntries(), javax.classEntries());
        assertTrue(javax.contains("io/imgfilter/ImageResizingFilter.class"));
    }

    @Test
    void manifestStillNamesTheSigningCommandLine() throws IOException {
        Manifest manifest = new Manifest(new ByteArrayInputStream(javax.bytes("META-INF/MANIFEST.MF")));
        assertEquals("io.imgfilter.cli.SigningCli", manifest.getMainAttributes().getValue("Main-Class"));
    }

    @Test
    void mavenMetadataIsThisArtifacts() {
        assertTrue(javax.contains("META-INF/maven/io.imgfilter/imgfilter-filter-javax/pom.properties"), javax.names()::toString);
        assertFalse(javax.names().stream().anyMatch(name -> name.startsWith("META-INF/maven/io.imgfilter/imgfilter-filter/")),
                javax.names()::toString);
    }
}
