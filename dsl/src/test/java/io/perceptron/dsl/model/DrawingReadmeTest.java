package io.perceptron.dsl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.Readme;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.data.Examples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "Models that draw" section of dsl/README.md: what it quotes is what the code prints. */
class DrawingReadmeTest {

    @Test
    void theQuotedPrintoutsAndMessagesAreTheRealOnes() {
        String text = Readme.section("Models that draw");
        List<Examples> parts = Datasets.captionedScenes(1400, 20, 42).split(0.8, 42);
        Examples train = parts.get(0);
        assertTrue(text.contains("// " + train.withTargets(train)), "printout of withTargets");
        Model generator = Model.sequential("generator").input(16).dense(128).relu().dense(400).sigmoid()
                .reshape(1, 20, 20);
        PerceptronException e = assertThrows(PerceptronException.class,
                () -> Gan.of(generator, Model.sequential("judge").input(1, 20, 20).flatten().dense(2)));
        assertTrue(text.contains("// " + e.getMessage()), e.getMessage());
    }

    @Test
    void theCaptionsTheDataSectionListsAreTheScenesCaptions() {
        List<String> captions = Datasets.captionedScenes(14, 20, 42).classNames();
        assertEquals(14, captions.size());
        String data = Readme.section("Data");
        assertTrue(data.contains("// the " + captions.size() + " captions"));
        for (String caption : List.of("a dog with a cone", "a cone with a dog")) {
            assertTrue(captions.contains(caption) && data.contains("\"" + caption + "\""), caption);
        }
    }
}
