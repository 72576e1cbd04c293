package io.perceptron.dsl.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Image folders drawn on the fly for tests and benchmarks: one subfolder per class of shape
 * (circle, cross, square), each picture a shape of random size, place and colour on a noisy
 * background, written as PNG or JPEG.
 */
public final class PictureFolders {
    /** The classes, in the sorted order a folder scan gives them. */
    public static final List<String> SHAPES = List.of("circle", "cross", "square");

    private PictureFolders() {
    }

    /**
     * Writes {@code perClass} pictures of each shape into {@code root/<shape>/}, {@code size}
     * pixels square; every third picture is a JPEG, the others PNG.
     */
    public static void draw(Path root, int perClass, int size, long seed) {
        Random random = new Random(seed);
        for (String shape : SHAPES) {
            Path folder = root.resolve(shape);
            for (int i = 0; i < perClass; i++) {
                BufferedImage picture = picture(shape, size, random);
                write(picture, folder.resolve(String.format("%s-%04d.%s", shape, i, i % 3 == 0 ? "jpg" : "png")));
            }
        }
    }

    /** Writes {@code total} JPEG pictures spread over the shapes: the benchmark's folder. */
    public static void drawJpegs(Path root, int total, int size, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < total; i++) {
            String shape = SHAPES.get(i % SHAPES.size());
            write(picture(shape, size, random), root.resolve(shape).resolve(String.format("%s-%05d.jpg", shape, i)));
        }
    }

    /** One picture of {@code shape}. */
    public static BufferedImage picture(String shape, int size, Random random) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int grey = 20 + random.nextInt(50);      // a dark, noisy background
                image.setRGB(x, y, new Color(grey, grey, grey).getRGB());
            }
        }
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        // Any hue, light enough to stand out from the background in grey as well as in colour.
        g.setColor(Color.getHSBColor(random.nextFloat(), 0.4f, 0.85f + 0.15f * random.nextFloat()));
        int extent = (int) (size * (0.4 + 0.3 * random.nextDouble()));
        int left = random.nextInt(Math.max(1, size - extent));
        int top = random.nextInt(Math.max(1, size - extent));
        switch (shape) {
            case "circle" -> g.fillOval(left, top, extent, extent);
            case "square" -> g.fillRect(left, top, extent, extent);
            default -> {
                g.setStroke(new BasicStroke(Math.max(2, extent / 5f)));
                g.drawLine(left, top, left + extent, top + extent);
                g.drawLine(left, top + extent, left + extent, top);
            }
        }
        g.dispose();
        return image;
    }

    /** Writes {@code picture} as PNG or JPEG, by the file's extension. */
    public static void write(BufferedImage picture, Path file) {
        try {
            Files.createDirectories(file.getParent());
            String format = file.toString().endsWith(".png") ? "png" : "jpg";
            if (!ImageIO.write(picture, format, file.toFile())) {
                throw new IOException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts {@code file} to its first {@code fraction} of bytes: a download that stopped half way. */
    public static void truncate(Path file, double fraction) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
