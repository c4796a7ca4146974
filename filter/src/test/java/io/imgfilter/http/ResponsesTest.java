package io.imgfilter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponsesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cat.jpg|jpg|inline; filename=\"cat.jpg\"",
        "badge.png|jpg|inline; filename=\"badge.jpg\"",
        "noextension|png|inline; filename=\"noextension.png\"",
        "café terrace.jpg|jpg|inline; filename=\"caf__terrace.jpg\"; filename*=UTF-8''caf%C3%A9%20terrace.jpg",
        "a\"b;c.jpg|jpg|inline; filename=\"a_b_c.jpg\"; filename*=UTF-8''a%22b%3Bc.jpg",
    })
    void contentDispositionIsSafe(String name, String extension, String expected) {
        assertEquals(expected, Responses.contentDisposition(name, extension));
    }
}
