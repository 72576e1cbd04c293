package io.perceptron.dsl.plot;

import static io.perceptron.dsl.plot.PlotTest.data;
import static io.perceptron.dsl.plot.PlotTest.layout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.perceptron.dsl.data.Examples;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Small images side by side: inputs, filters, feature maps. */
class ImagesTest {

    /** {@code count} grey images of 2 x 3 pixels whose pixel values count up from the image's index. */
    static float[] greyBatch(int count) {
        float[] values = new float[count * 6];
        for (int i = 0; i < values.length; i++) values[i] = i;
        return values;
    }

    @Test
    void aGreyBatchBecomesOneHeatMapPerImageWithRowZeroAtTheTop() {
        Figure figure = Plot.images(greyBatch(3), 3, 2, 3);

        JsonArray data = data(figure);
        assertEquals(3, data.size());
        JsonObject second = data.get(1).getAsJsonObject();
        assertEquals("heatmap", second.get("type").getAsString());
        // Image 1 holds the values 6..11: row 0 is 6, 7, 8.
        assertEquals("[[6,7,8],[9,10,11]]", second.getAsJsonArray("z").toString());
        assertEquals("y2", second.get("yaxis").getAsString());
        JsonObject layout = layout(figure);
        assertEquals("reversed", layout.getAsJsonObject("yaxis2").get("autorange").getAsString());
        assertEquals("x2", layout.getAsJsonObject("yaxis2").get("scaleanchor").getAsString(), "square pixels");
        assertFalse(layout.getAsJsonObject("xaxis2").get("visible").getAsBoolean(), "no axes around pictures");
    }

    @Test
    void imagesTakeOneTitleEach() {
        Figure figure = Plot.images(greyBatch(2), List.of("dog", "cone"), 2, 1, 2, 3);

        JsonArray annotations = layout(figure).getAsJsonArray("annotations");
        assertEquals("dog", annotations.get(0).getAsJsonObject().get("text").getAsString());
        assertEquals("cone", annotations.get(1).getAsJsonObject().get("text").getAsString());
    }

    @Test
    void colourImagesBecomePngPictures() {
        float[] red = new float[3 * 2 * 2];
        for (int i = 0; i < 4; i++) red[i] = 1f;

        JsonObject picture = data(Plot.images(red, 1, 3, 2, 2)).get(0).getAsJsonObject();

        assertEquals("image", picture.get("type").getAsString());
        assertTrue(picture.get("source").getAsString().startsWith("data:image/png;base64,"));
    }

    @Test
    void bufferedImagesAreDrawnWithTheirTitles() {
        BufferedImage picture = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);

        Figure figure = Plot.images(List.of(picture, picture), List.of("left", "right"));

        assertEquals(2, data(figure).size());
        assertEquals("image", data(figure).get(0).getAsJsonObject().get("type").getAsString());
        assertEquals("right", layout(figure).getAsJsonArray("annotations").get(1).getAsJsonObject().get("text").getAsString());
    }

    @Test
    void examplesAreTitledWithTheirClassNames() {
        Examples examples = Examples.of("dogs and cones", greyBatch(3), new long[] {1, 2, 3},
                new float[] {1, 0, 1}, new long[0], List.of("dog", "cone"));

        Figure figure = Plot.images(examples, 2);

        assertEquals(2, data(figure).size());
        JsonArray annotations = layout(figure).getAsJsonArray("annotations");
        assertEquals("cone", annotations.get(0).getAsJsonObject().get("text").getAsString());
        assertEquals("dog", annotations.get(1).getAsJsonObject().get("text").getAsString());
        assertEquals("dogs and cones (2 of 3)", figure.title());
        assertEquals("dogs and cones", Plot.images(examples, 3).title(), "no count when all are shown");
    }

    @Test
    void aLargeBatchShowsItsFirstImagesAndSaysSo() {
        int count = ImageGrids.MAX_IMAGES + 6;

        Figure figure = Plot.images(greyBatch(count), count, 2, 3);

        assertEquals(ImageGrids.MAX_IMAGES, data(figure).size());
        assertEquals("The first " + ImageGrids.MAX_IMAGES + " of " + count + " images", figure.title());
        assertEquals(8, layout(figure).getAsJsonObject("grid").get("columns").getAsInt());
    }

    @Test
    void oneImageIsDrawnOnItsOwnWithoutAGrid() {
        Figure figure = Plot.images(greyBatch(1), 2, 3);

        assertEquals(1, figure.plots());
        assertFalse(layout(figure).has("grid"));
    }
}
