package io.perceptron.dsl.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.data.Examples;
import org.junit.jupiter.api.Test;

/** Tensors for models that draw: examples' pictures as one tensor, and a walk between two points. */
class PictureTensorsTest {

    @Test
    void examplesBecomeOneTensorWithTheExamplesAlongTheFirstAxis() {
        Examples images = Datasets.dogsVsConesImages(5, 16, 1);
        NDArray all = Tensors.of(images);
        assertEquals(new Shape(5, 1, 16, 16), all.getShape());
        assertArrayEquals(images.features(), all.toFloatArray());
        assertArrayEquals(images.features(3), all.get(3).toFloatArray());
    }

    @Test
    void aWalkGoesInEvenStepsFromTheStartToTheEnd() {
        NDArray walk = Tensors.walk(Tensors.of(0.0, 0.0), Tensors.of(1.0, 2.0), 3);
        assertEquals(new Shape(3, 2), walk.getShape());
        assertArrayEquals(new float[] {0, 0, 0.5f, 1, 1, 2}, walk.toFloatArray());
        NDArray corners = Tensors.walk(Tensors.zeros(2, 2), Tensors.ones(2, 2), 5);
        assertEquals(new Shape(5, 2, 2), corners.getShape());
        assertEquals(0.25f, corners.getFloat(1, 0, 1));
    }

    @Test
    void aWalkNeedsTwoPointsOfOneShapeAndTwoSteps() {
        PerceptronException shapes = assertThrows(PerceptronException.class,
                () -> Tensors.walk(Tensors.of(0.0, 0.0), Tensors.of(1.0, 2.0, 3.0), 4));
        assertEquals("Tensors.walk goes from one point to another of the same shape, but the start is (2) and the end"
                + " (3). Take both from the same place, e.g. two rows of encoder.predict(...): codes.get(0) and"
                + " codes.get(1).", shapes.getMessage());
        PerceptronException steps = assertThrows(PerceptronException.class,
                () -> Tensors.walk(Tensors.of(0.0), Tensors.of(1.0), 1));
        assertEquals("Tensors.walk needs at least 2 steps (the start and the end), but was given 1. For example:"
                + " Tensors.walk(from, to, 8).", steps.getMessage());
    }
}
