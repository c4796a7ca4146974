package io.imgfilter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.config.InitParam;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every init-param the filter accepts is documented, with its default, where users look. */
class DocumentationTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path FILTER_SOURCE = Path.of("src/main/java/io/imgfilter/ImageResizingFilter.java");

    @ParameterizedTest
    @EnumSource(InitParam.class)
    void inTheReadmeReference(InitParam param) throws Exception {
        String readme = Files.readString(README);
        String row = "| `" + param.paramName() + "` |";
        assertTrue(readme.contains(row), "README.md has no reference row " + row);
        if (param.defaultValue() != null) {
            String line = readme.lines().filter(l -> l.startsWith(row)).findFirst().orElseThrow();
            assertTrue(line.contains("`" + param.defaultValue() + "`"), "README.md row of " + param.paramName()
                    + " does not give the default " + param.defaultValue());
        }
    }

    @ParameterizedTest
    @EnumSource(InitParam.class)
    void inTheFilterJavadoc(InitParam param) throws Exception {
        String source = Files.readString(FILTER_SOURCE);
        assertTrue(source.contains("<tr><td>" + param.paramName() + "</td>"),
                "ImageResizingFilter's javadoc has no row for " + param.paramName());
    }
}
