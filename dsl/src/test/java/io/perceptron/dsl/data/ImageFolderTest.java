package io.perceptron.dsl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir
    Path temp;

    /** Runs {@code action} and returns what it printed to standard error, with its result. */
    private static <T> Result<T> capturingWarnings(Supplier<T> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            T value = action.get();
            return new Result<>(value, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    private record Result<T>(T value, String warnings) {
    }

    @Test
    void aFolderOfClassFoldersBecomesExamplesWithSortedClassesAndEveryBrokenFileWarnedAndCounted() throws IOException {
        Path pets = temp.resolve("shapes");
        PictureFolders.draw(pets, 6, 24, 1);
        PictureFolders.truncate(pets.resolve("circle/circle-0000.jpg"), 0.5);    // a JPEG cut short
        PictureFolders.truncate(pets.resolve("square/square-0001.png"), 0.6);    // a PNG cut short
        Files.writeString(pets.resolve("cross/notes.txt"), "not a picture");
        Files.createDirectories(pets.resolve("empty"));
        Files.writeString(pets.resolve(".DS_Store"), "system file");              // hidden: ignored silently

        Result<Examples> read = capturingWarnings(() -> Datasets.imageFolder(pets.toString(), 16));
        Examples images = read.value();
        assertEquals(List.of("circle", "cross", "square"), images.classNames());
        assertEquals(16, images.size());      // 18 drawn, two of them cut short
        assertArrayEquals(new long[] {3, 16, 16}, images.featureShape());
        assertFalse(images.isInMemory());
        String warnings = read.warnings();
        assertTrue(warnings.contains("Skipped shapes/circle/circle-0000.jpg: cut short: the JPEG data stops before its end marker."), warnings);
        assertTrue(warnings.contains("Skipped shapes/square/square-0001.png: cut short: the PNG data stops before its end marker."), warnings);
        assertTrue(warnings.contains("Skipped shapes/cross/notes.txt: not a PNG or JPEG image"), warnings);
        assertTrue(warnings.contains("Left out class folder " + pets.resolve("empty") + ": it holds no pictures"), warnings);
        assertFalse(warnings.contains("DS_Store"), warnings);
        assertTrue(images.toString().contains("skipped 3 files; left out an empty class folder: empty"), images.toString());
        int circles = 0;
        for (int i = 0; i < images.size(); i++) {
            if (images.labelName(i).equals("circle")) circles++;
            for (float v : images.features(i)) {
                assertTrue(v >= 0 && v <= 1, "pixels scaled to 0..1");
            }
        }
        assertEquals(5, circles);
    }

    @Test
    void loadDecodesEveryPictureIntoMemoryWithTheSameNumbers() {
        Path shapes = temp.resolve("shapes");
        PictureFolders.draw(shapes, 3, 12, 2);
        Examples lazy = Datasets.imageFolder(shapes.toString(), 12);
        Examples loaded = lazy.load();
        assertTrue(loaded.isInMemory());
        assertArrayEquals(lazy.features(), loaded.features());
        assertArrayEquals(lazy.features(4), loaded.features(4));
        assertArrayEquals(lazy.labels(), loaded.labels());
        assertEquals(loaded, loaded.load());
    }

    @Test
    void aPictureThatBreaksAfterTheScanStopsLoadingWithItsNameAndNothingIsKept() throws IOException {
        Path shapes = temp.resolve("shapes");
        PictureFolders.draw(shapes, 3, 12, 3);
        Examples images = Datasets.imageFolder(shapes.toString(), 12);
        Path victim = shapes.resolve("cross/cross-0002.png");
        Files.writeString(victim, "overwritten");
        PerceptronException e = assertThrows(PerceptronException.class, images::load);
        assertTrue(e.getMessage().startsWith("Picture " + victim + " is not a PNG or JPEG image"), e.getMessage());
        assertTrue(e.getMessage().contains("read the folder again"), e.getMessage());
    }

    @Test
    void keepAspectCutsTheCentreWhereStretchingKeepsTheWholePicture() {
        BufferedImage wide = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 40, 20);
        g.setColor(Color.WHITE);
        g.fillRect(10, 0, 20, 20);      // white in the middle square, black at both ends
        g.dispose();
        PictureFolders.write(wide, temp.resolve("pics/a/wide.png"));
        PictureFolders.write(wide, temp.resolve("pics/b/wide.png"));
        float[] cut = Datasets.imageFolder(temp.resolve("pics").toString(), ImageOptions.size(10).keepAspect().grey())
                .features(0);
        float[] stretched = Datasets.imageFolder(temp.resolve("pics").toString(), ImageOptions.size(10).grey())
                .features(0);
        assertEquals(100, cut.length);
        for (float v : cut) {
            assertEquals(1f, v, 1e-6, "the centre square is all white");
        }
        assertEquals(0f, stretched[0], 1e-6, "the stretched picture keeps its black left end");
        assertEquals(1f, stretched[5], 1e-6);
    }

    @Test
    void greyPicturesKeepTheirValuesAndColourOnesBecomeThreeChannelsOrTheirBrightness() {
        BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 2, 0, 128);
        PictureFolders.write(grey, temp.resolve("g/a/grey.png"));
        BufferedImage red = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        red.setRGB(0, 0, new Color(255, 0, 0).getRGB());
        PictureFolders.write(red, temp.resolve("g/b/red.png"));

        Examples asGrey = Datasets.imageFolder(temp.resolve("g").toString(), ImageOptions.size(4).grey());
        assertEquals(128 / 255f, asGrey.features(0)[2 * 4 + 1], 1e-6, "no colour-space brightening");
        assertEquals(0.299f, asGrey.features(1)[0], 1e-3, "red's brightness");
        Examples asColour = Datasets.imageFolder(temp.resolve("g").toString(), 4);
        float[] colour = asColour.features(1);
        assertEquals(1f, colour[0], 1e-6);
        assertEquals(0f, colour[16], 1e-6);
        assertEquals(0f, colour[32], 1e-6);
        assertEquals(128 / 255f, asColour.features(0)[16 + 2 * 4 + 1], 1e-6, "grey fills all three channels");

        Examples normalized = Datasets.imageFolder(temp.resolve("g").toString(),
                ImageOptions.size(4).grey().normalize(new double[] {0.5}, new double[] {0.25}));
        assertEquals((128 / 255f - 0.5f) / 0.25f, normalized.features(0)[2 * 4 + 1], 1e-5);
        PerceptronException e = assertThrows(PerceptronException.class,
                () -> ImageOptions.size(4).normalize(new double[] {0.5}, new double[] {0.25}));
        assertEquals("normalize(mean, std) needs one mean and one standard deviation per channel: 3 for colour"
                + " pictures, but got 1 means and 1 standard deviations. Choose grey() or rgb() first, then pass that"
                + " many.", e.getMessage());
    }

    @Test
    void badFoldersAreRefusedWithWhatToDo() throws IOException {
        PerceptronException missing = assertThrows(PerceptronException.class,
                () -> Datasets.imageFolder(temp.resolve("nowhere").toString(), 8));
        assertTrue(missing.getMessage().startsWith("There is no folder " + temp.resolve("nowhere") + ". Check the path"),
                missing.getMessage());

        Path empty = Files.createDirectories(temp.resolve("empty"));
        PerceptronException nothing = assertThrows(PerceptronException.class,
                () -> Datasets.imageFolder(empty.toString(), 8));
        assertTrue(nothing.getMessage().startsWith("Folder " + empty + " is empty. Put the pictures of each class in a"
                + " subfolder named after the class"), nothing.getMessage());

        Path flat = temp.resolve("flat");
        PictureFolders.write(PictureFolders.picture("circle", 8, new Random(1)), flat.resolve("a.png"));
        PictureFolders.write(PictureFolders.picture("circle", 8, new Random(2)), flat.resolve("b.png"));
        PerceptronException noClasses = assertThrows(PerceptronException.class,
                () -> Datasets.imageFolder(flat.toString(), 8));
        assertTrue(noClasses.getMessage().startsWith("Folder " + flat + " holds 2 files but no class folders."),
                noClasses.getMessage());

        PerceptronException file = assertThrows(PerceptronException.class,
                () -> Datasets.imageFolder(flat.resolve("a.png").toString(), 8));
        assertTrue(file.getMessage().startsWith(flat.resolve("a.png") + " is a file, not a folder."), file.getMessage());

        Path junk = temp.resolve("junk");
        Files.createDirectories(junk.resolve("a"));
        Files.writeString(junk.resolve("a/x.jpg"), "text");
        Files.createDirectories(junk.resolve("b"));
        Result<PerceptronException> none = capturingWarnings(() -> assertThrows(PerceptronException.class,
                () -> Datasets.imageFolder(junk.toString(), 8)));
        assertEquals("No pictures found in " + junk + ": 1 file looked at, 1 skipped (the warnings above say why). Add"
                + " PNG or JPEG files, one subfolder per class, and read the folder again.", none.value().getMessage());
        assertTrue(none.warnings().contains("Skipped junk/a/x.jpg: not a PNG or JPEG image"), none.warnings());

        Path single = temp.resolve("single");
        PictureFolders.write(PictureFolders.picture("circle", 8, new Random(1)), single.resolve("cat/a.png"));
        Files.createDirectories(single.resolve("dog"));
        PerceptronException one = capturingWarnings(() -> assertThrows(PerceptronException.class,
                () -> Datasets.imageFolder(single.toString(), 8))).value();
        assertEquals("Only class folder 'cat' in " + single + " holds pictures (dog held none). A classifier needs at"
                + " least two classes: add a subfolder of pictures for each other class.", one.getMessage());
    }

    @Test
    void aStratifiedSplitKeepsEveryClassShareAndRepeatsWithItsSeed() {
        float[] labels = new float[100];
        for (int i = 0; i < 100; i++) labels[i] = i < 80 ? 0 : i < 90 ? 1 : 2;     // 80 / 10 / 10
        float[] features = new float[100];
        for (int i = 0; i < 100; i++) features[i] = i;
        Examples skewed = Examples.of("skewed", features, new long[] {1}, labels, new long[0], List.of("a", "b", "c"));
        List<Examples> parts = skewed.stratifiedSplit(0.8, 7);
        assertEquals(80, parts.get(0).size());
        int[] first = new int[3];
        for (int i = 0; i < parts.get(0).size(); i++) first[(int) parts.get(0).labels()[i]]++;
        assertArrayEquals(new int[] {64, 8, 8}, first);
        java.util.Set<Float> seen = new java.util.HashSet<>();
        for (Examples part : parts) for (float f : part.features()) assertTrue(seen.add(f));
        assertEquals(100, seen.size());
        assertArrayEquals(parts.get(1).features(), skewed.stratifiedSplit(0.8, 7).get(1).features());
        PerceptronException numbers = assertThrows(PerceptronException.class, () -> Examples.of("y", features,
                new long[] {1}, labels, new long[0], List.of()).stratifiedSplit(0.5, 1));
        assertTrue(numbers.getMessage().contains("Use split(fraction, seed) instead"), numbers.getMessage());
    }

    @Test
    void aCsvListsPicturesWithSeveralLabelsEachInEitherLayout() throws IOException {
        Path scenes = temp.resolve("scenes");
        for (int i = 0; i < 4; i++) {
            PictureFolders.write(PictureFolders.picture("circle", 10, new Random(i)), scenes.resolve("p" + i + ".png"));
        }
        Files.writeString(scenes.resolve("labels.csv"), "file,labels\np0.png,dog cone\np1.png,dog\np2.png,\np3.png,cone\nmissing.png,dog\n");
        Result<Examples> read = capturingWarnings(() -> Datasets.imagesFromCsv(scenes.resolve("labels.csv").toString(), 10));
        Examples byText = read.value();
        assertEquals(List.of("cone", "dog"), byText.classNames());
        assertArrayEquals(new long[] {2}, byText.labelShape());
        assertEquals(List.of("cone+dog", "dog", "none", "cone"),
                List.of(byText.labelName(0), byText.labelName(1), byText.labelName(2), byText.labelName(3)));
        assertTrue(read.warnings().contains("Skipped row 5 of labels.csv: there is no file missing.png next to it."),
                read.warnings());

        Files.writeString(scenes.resolve("columns.csv"), "file,dog,cone\np0.png,1,1\np1.png,1,0\np2.png,0,0\n");
        Examples byColumn = Datasets.imagesFromCsv(scenes.resolve("columns.csv").toString(), 10);
        assertEquals(List.of("dog", "cone"), byColumn.classNames());
        assertEquals("dog+cone", byColumn.labelName(0));
        assertEquals("none", byColumn.labelName(2));

        Files.writeString(scenes.resolve("bad.csv"), "file,dog,cone\np0.png,1,2\n");
        PerceptronException bad = assertThrows(PerceptronException.class,
                () -> Datasets.imagesFromCsv(scenes.resolve("bad.csv").toString(), 10));
        assertTrue(bad.getMessage().startsWith("Cannot read picture labels from " + scenes.resolve("bad.csv")
                + ": row 1 has 2 in column 'cone', where 0 or 1 belongs."), bad.getMessage());
    }
}
