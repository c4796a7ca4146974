package io.imgfilter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.imgfilter.request.Fit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeometryTest {

    @ParameterizedTest(name = "{0}x{1} into {2}x{3} {4} -> {5}x{6}")
    @CsvSource({
        // source, box, fit -> output size
        "1200, 800, 300, 0, SCALE_DOWN, 300, 200",
        "1200, 800, 0, 400, SCALE_DOWN, 600, 400",
        "400, 300, 600, 0, SCALE_DOWN, 400, 300",     // never enlarged
        "400, 300, 600, 0, CONTAIN, 600, 450",        // enlarged
        "1200, 800, 300, 300, SCALE_DOWN, 300, 200",
        "400, 300, 800, 800, SCALE_DOWN, 400, 300",
        "400, 300, 800, 800, CONTAIN, 800, 600",
        "1200, 800, 150, 150, COVER, 150, 150",
        "100, 50, 150, 150, COVER, 150, 150",         // cover enlarges to fill
        "1200, 800, 150, 150, CROP, 150, 150",
        "100, 50, 150, 150, CROP, 100, 50",           // crop never enlarges
        "300, 100, 150, 150, CROP, 150, 100",         // one side larger, one smaller
        "1200, 800, 300, 300, PAD, 300, 300",
        "1200, 800, 300, 0, PAD, 300, 200",           // no box: nothing to pad
        "1, 1000, 100, 0, SCALE_DOWN, 1, 1000",
        "1000, 1, 100, 0, SCALE_DOWN, 100, 1",        // never collapses to zero
    })
    void outputSize(int sw, int sh, int w, int h, Fit fit, int ow, int oh) {
        ResizePlan plan = Geometry.plan(sw, sh, w, h, fit);
        assertEquals(ow, plan.canvasWidth());
        assertEquals(oh, plan.canvasHeight());
    }

    @ParameterizedTest
    @CsvSource({
        "1200, 800, 150, 150, 200, 0, 800, 800",
        "800, 1200, 150, 150, 0, 200, 800, 800",
        "1200, 800, 300, 100, 0, 200, 1200, 400",
    })
    void coverCropsTheCentre(int sw, int sh, int w, int h, int x, int y, int rw, int rh) {
        ResizePlan plan = Geometry.plan(sw, sh, w, h, Fit.COVER);
        assertEquals(x, plan.regionX());
        assertEquals(y, plan.regionY());
        assertEquals(rw, plan.regionWidth());
        assertEquals(rh, plan.regionHeight());
    }

    @ParameterizedTest
    @CsvSource({"1200, 800, 300, 300, 300, 200", "800, 1200, 300, 300, 200, 300"})
    void padScalesInsideTheCanvas(int sw, int sh, int w, int h, int scaledW, int scaledH) {
        ResizePlan plan = Geometry.plan(sw, sh, w, h, Fit.PAD);
        assertEquals(scaledW, plan.scaledWidth());
        assertEquals(scaledH, plan.scaledHeight());
    }
}
