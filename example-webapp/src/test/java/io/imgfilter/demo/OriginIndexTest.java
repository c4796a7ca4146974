package io.imgfilter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The gallery's list for a remote origin, which cannot be listed: IMAGE_ORIGIN_INDEX. */
class OriginIndexTest {

    @Test
    void pathsAreTrimmedSortedAndFiltered() {
        List<OriginalImage> images = Originals.fromIndex(" lighthouse.jpg, /2024/café terrace.jpg,,notes.txt, lighthouse.jpg ");
        assertEquals(List.of("2024/café terrace.jpg", "lighthouse.jpg"), images.stream().map(OriginalImage::getPath).toList());
        assertEquals(List.of(), Originals.fromIndex(null));
        assertEquals(List.of(), Originals.fromIndex("  "));
    }

    @Test
    void remoteSourcesAreRecognised() {
        assertTrue(Originals.isRemote("https://secret.example.com/hidden"));
        assertTrue(Originals.isRemote("HTTP://127.0.0.1:8081/vault"));
        assertTrue(Originals.isRemote("s3://bucket/prefix"));
        assertFalse(Originals.isRemote("webapp:/WEB-INF/originals"));
        assertFalse(Originals.isRemote("/srv/photos"));
        assertFalse(Originals.isRemote("file:/srv/photos"));
    }
}
