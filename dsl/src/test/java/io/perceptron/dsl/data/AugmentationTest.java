package io.perceptron.dsl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AugmentationTest {
    private static final long[] SHAPE = {1, 3, 4};

    /** A 3 x 4 grey picture whose values are 0..11 row by row. */
    private static float[] ramp() {
        float[] values = new float[12];
        for (int i = 0; i < 12; i++) values[i] = i;
        return values;
    }

    @Test
    void aFlipMirrorsEachRowAndHappensToAboutHalfThePictures() {
        int flipped = 0;
        for (long seed = 0; seed < 200; seed++) {
            float[] picture = ramp();
            Augmentation.none().flip().apply(picture, 0, SHAPE, seed);
            if (!Arrays.equals(picture, ramp())) {
                assertArrayEquals(new float[] {3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8}, picture, 1e-5f);
                flipped++;
            }
        }
        assertTrue(flipped > 70 && flipped < 130, flipped + " of 200");
    }

    @Test
    void theSameSeedGivesTheSameChangeAndAnotherSeedAnother() {
        Augmentation all = Augmentation.none().flip().shift(1).rotate(15).brightness(0.2);
        float[] a = ramp();
        float[] b = ramp();
        float[] c = ramp();
        all.apply(a, 0, SHAPE, 42);
        all.apply(b, 0, SHAPE, 42);
        all.apply(c, 0, SHAPE, 43);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void aShiftMovesThePictureAndRepeatsTheEdgeAndBrightnessAddsOneAmount() {
        boolean sawShift = false;
        for (long seed = 0; seed < 50 && !sawShift; seed++) {
            float[] picture = ramp();
            Augmentation.none().shift(1).apply(picture, 0, SHAPE, seed);
            // moved one pixel right and none down: each row starts with its own first value repeated
            if (Arrays.equals(picture, new float[] {0, 0, 1, 2, 4, 4, 5, 6, 8, 8, 9, 10})) {
                sawShift = true;
            }
        }
        assertTrue(sawShift);
        float[] lit = ramp();
        Augmentation.none().brightness(0.5).apply(lit, 0, SHAPE, 9);
        float delta = lit[0];
        assertTrue(Math.abs(delta) <= 0.5 && delta != 0);
        for (int i = 0; i < 12; i++) assertEquals(i + delta, lit[i], 1e-5);
    }

    @Test
    void itWorksOnOnePictureInsideABatchAndLeavesTheOthers() {
        float[] batch = new float[36];
        for (int i = 0; i < 36; i++) batch[i] = i;
        Augmentation.none().brightness(0.3).apply(batch, 12, SHAPE, 5);
        for (int i = 0; i < 12; i++) assertEquals(i, batch[i]);
        for (int i = 24; i < 36; i++) assertEquals(i, batch[i]);
        assertTrue(batch[12] != 12);
    }

    @Test
    void turnsBeyondASmallAngleAreRefusedAndTheSettingsPrint() {
        PerceptronException e = assertThrows(PerceptronException.class, () -> Augmentation.none().rotate(120));
        assertEquals("The rotation must be between 0 and 45 degrees, such as 10, but 120.0 was given.", e.getMessage());
        assertEquals("flip, shift 4 px, rotate ±10°, brightness ±0.1",
                Augmentation.none().flip().shift(4).rotate(10).brightness(0.1).toString());
        assertEquals("none", Augmentation.none().toString());
    }
}
