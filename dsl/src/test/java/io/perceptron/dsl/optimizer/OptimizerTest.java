package io.perceptron.dsl.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.perceptron.dsl.PerceptronException;
import org.junit.jupiter.api.Test;

/** Optimizers by name and by factory, their printouts, and the learning rate their schedules give. */
class OptimizerTest {
    private static final double TOLERANCE = 1e-9;

    @Test
    void factoriesPrintTheirSettings() {
        assertEquals("adam(lr=0.001)", Optimizer.adam().toString());
        assertEquals("sgd(lr=0.1, momentum=0.9)", Optimizer.sgd(0.1, 0.9).toString());
        assertEquals("adamW(lr=0.001, weightDecay=0.05)", Optimizer.adamW(0.001, 0.05).toString());
        assertEquals("adam(lr=0.01, schedule=step(every 10 epochs × 0.5))",
                Optimizer.adam(0.01).schedule(Schedule.step(10, 0.5)).toString());
    }

    @Test
    void namesResolveWithTheirDefaultRates() {
        assertEquals(Optimizer.adam(0.001), Optimizer.named("Adam"));
        assertEquals(Optimizer.sgd(0.01), Optimizer.named("SGD"));
        assertEquals(Optimizer.adamW(0.001, 0.01), Optimizer.named("adam_w"));
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        PerceptronException error = assertThrows(PerceptronException.class, () -> Optimizer.named("rmsprop"));

        assertEquals("There is no optimizer called 'rmsprop'. Valid names: sgd, adam, adamW (case, spaces, '_' and '-' do "
                + "not matter), e.g. Optimizer.named(\"adam\").", error.getMessage());
    }

    @Test
    void badRatesAndMomentaAreRefusedWithWhatIsExpected() {
        assertEquals("Optimizer.adam needs learningRate a positive number such as 0.001, received -1.0.",
                assertThrows(PerceptronException.class, () -> Optimizer.adam(-1)).getMessage());
        assertEquals("Optimizer.sgd needs momentum from 0 up to (not including) 1, received 1.5.",
                assertThrows(PerceptronException.class, () -> Optimizer.sgd(0.1, 1.5)).getMessage());
        assertTrue(assertThrows(PerceptronException.class, () -> Schedule.step(0, 0.5)).getMessage()
                .contains("Schedule.step needs everyEpochs at least 1, received 0."));
    }

    @Test
    void aStepScheduleMultipliesTheRateEveryFewEpochs() {
        Schedule halving = Schedule.step(2, 0.5);
        int stepsPerEpoch = 10;

        assertEquals(1.0, halving.factor(0, stepsPerEpoch, 6), TOLERANCE);
        assertEquals(1.0, halving.factor(19, stepsPerEpoch, 6), TOLERANCE, "epochs 1 and 2 use the base rate");
        assertEquals(0.5, halving.factor(20, stepsPerEpoch, 6), TOLERANCE);
        assertEquals(0.25, halving.factor(40, stepsPerEpoch, 6), TOLERANCE);
        assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.05, 0.025, 0.025}, halving.perEpoch(0.1, 6), TOLERANCE);
    }

    @Test
    void aCosineScheduleFallsFromTheBaseRateToTheFinalFraction() {
        Schedule cosine = Schedule.cosine(0.1);
        int stepsPerEpoch = 10;
        int epochs = 5;
        long lastStep = stepsPerEpoch * epochs - 1;

        assertEquals(1.0, cosine.factor(0, stepsPerEpoch, epochs), TOLERANCE);
        assertEquals(0.1, cosine.factor(lastStep, stepsPerEpoch, epochs), TOLERANCE);
        double middle = cosine.factor(lastStep / 2, stepsPerEpoch, epochs);
        assertTrue(middle > 0.5 && middle < 0.6, "about halfway between 1 and 0.1: " + middle);
    }

    @Test
    void warmupRampsUpLinearlyThenHandsOverToTheSchedule() {
        Schedule warm = Schedule.constant().warmup(2);
        int stepsPerEpoch = 5;

        assertEquals(0.1, warm.factor(0, stepsPerEpoch, 10), TOLERANCE, "the first step already moves a little");
        assertEquals(0.5, warm.factor(4, stepsPerEpoch, 10), TOLERANCE);
        assertEquals(1.0, warm.factor(9, stepsPerEpoch, 10), TOLERANCE);
        assertEquals(1.0, warm.factor(30, stepsPerEpoch, 10), TOLERANCE);
        assertEquals(1.0, Schedule.cosine().warmup(1).factor(5, stepsPerEpoch, 10), TOLERANCE,
                "the cosine starts from the top once the warm-up is over");
    }

    @Test
    void theDjlOptimizerStepsWithTheScheduledRate() {
        try (NDManager manager = NDManager.newBaseManager(); NDManager state = manager.newSubManager()) {
            NDArray weight = manager.create(new float[] {1f});
            weight.setRequiresGradient(true);
            ai.djl.training.optimizer.Optimizer sgd = Optimizer.sgd(0.1).schedule(Schedule.step(1, 0.5)).djl(1, 3, state);

            for (int step = 0; step < 3; step++) {
                try (NDArray gradient = manager.create(new float[] {1f})) {
                    sgd.update("w", weight, gradient);
                }
            }

            // rates 0.1, 0.05, 0.025 on a gradient of 1
            assertEquals(1 - 0.1 - 0.05 - 0.025, weight.getFloat(), 1e-6);
        }
    }

    @Test
    void theOptimizerStateBelongsToTheManagerItIsGiven() {
        try (NDManager manager = NDManager.newBaseManager(); NDManager state = manager.newSubManager()) {
            NDArray weight = manager.create(new float[] {1f, 2f});
            weight.setRequiresGradient(true);
            ai.djl.training.optimizer.Optimizer adam = Optimizer.adam(0.1).djl(1, 1, state);

            try (NDArray gradient = manager.create(new float[] {1f, 1f})) {
                adam.update("w", weight, gradient);
            }

            assertEquals(2, state.getManagedArrays().size(), "Adam's two moments, freed when the manager closes");
        }
    }
}
