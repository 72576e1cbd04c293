package io.perceptron.dsl.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns one image file into numbers, channels first ({@code [channels, height, width]}), as
 * {@link ImageOptions} say. Stateless and safe to call from several threads: each call has its
 * own reader.
 *
 * <p>A quick {@link #check} reads only a file's header and its last bytes, which is enough to
 * find files that are not pictures and PNG or JPEG files cut short (a truncated JPEG otherwise
 * decodes "successfully" with its missing part grey, Java's reader only warning about it).
 */
final class ImageDecoder {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** A PNG ends with its IEND chunk: length 0, "IEND", and that chunk's fixed CRC. */
    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82};
    /**
     * Some cameras and editors append a little data after a JPEG's end-of-image marker, so the
     * marker is looked for in this many last bytes rather than only in the last two.
     */
    private static final int JPEG_TAIL = 1024;
    /** Scaling down by more than this in one step skips source pixels; larger reductions go in halving steps. */
    private static final int MAX_STEP = 2;

    private ImageDecoder() {
    }

    /**
     * What is wrong with {@code file} as a picture, in a few words ("not a PNG or JPEG image",
     * "cut short: ..."), or {@code null} when its header reads and, for PNG and JPEG, its end is
     * there. Does not decode the pixels.
     */
    static String check(Path file) {
        try {
            long size = Files.size(file);
            if (size == 0) {
                return "an empty file";
            }
            byte[] head = readAt(file, 0, (int) Math.min(size, PNG_SIGNATURE.length));
            boolean png = startsWith(head, PNG_SIGNATURE);
            boolean jpeg = head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8
                    && (head[2] & 0xff) == 0xff;
            if (png && !endsWith(readAt(file, Math.max(0, size - PNG_END.length), PNG_END.length), PNG_END)) {
                return "cut short: the PNG data stops before its end marker";
            }
            if (jpeg && !hasJpegEnd(readAt(file, Math.max(0, size - JPEG_TAIL), (int) Math.min(size, JPEG_TAIL)))) {
                return "cut short: the JPEG data stops before its end marker";
            }
            try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
                if (readers == null || !readers.hasNext()) {
                    return "not a PNG or JPEG image (nor another format Java reads)";
                }
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    if (reader.getWidth(0) < 1 || reader.getHeight(0) < 1) {
                        return "a picture without pixels";
                    }
                } finally {
                    reader.dispose();
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "unreadable (" + reasonOf(e) + ")";
        }
    }

    /**
     * Decodes {@code file} into {@code into} from {@code offset}: {@code channels x height x width}
     * numbers as {@code options} say.
     *
     * @throws ImageProblem naming what is wrong when the file cannot be decoded
     */
    static void decode(Path file, ImageOptions options, float[] into, int offset) {
        BufferedImage picture = read(file);
        BufferedImage sized = fit(picture, options);
        pixels(sized, options, into, offset);
    }

    /** A file that did not decode: {@link #getMessage()} says why in a few words. */
    static final class ImageProblem extends RuntimeException {
        ImageProblem(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    private static BufferedImage read(Path file) {
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new ImageProblem("not a PNG or JPEG image (nor another format Java reads)", null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                IIOReadWarningListener listener = (source, warning) -> warnings.add(warning);
                reader.addIIOReadWarningListener(listener);
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    // Java's JPEG reader reports a damaged stream as a warning and returns a partly grey picture.
                    throw new ImageProblem("damaged: " + warnings.get(0), null);
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (ImageProblem e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageProblem("could not be decoded (" + reasonOf(e) + ")", e);
        }
    }

    /** The picture at the target size: cut to the target's proportions first if asked, then scaled. */
    private static BufferedImage fit(BufferedImage picture, ImageOptions options) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        int x0 = 0;
        int y0 = 0;
        int cw = w;
        int ch = h;
        if (options.keepsAspect()) {
            // The largest centred rectangle with the target's proportions.
            if ((long) w * options.height() > (long) h * options.width()) {
                cw = (int) Math.max(1, Math.round((double) h * options.width() / options.height()));
                x0 = (w - cw) / 2;
            } else {
                ch = (int) Math.max(1, Math.round((double) w * options.height() / options.width()));
                y0 = (h - ch) / 2;
            }
        }
        if (x0 == 0 && y0 == 0 && cw == options.width() && ch == options.height() && !picture.getColorModel().hasAlpha()) {
            return picture;
        }
        boolean grey8 = picture.getType() == BufferedImage.TYPE_BYTE_GRAY;
        BufferedImage current = picture;
        // Halving steps first: one bilinear step from a much larger picture would skip most pixels.
        while (cw > options.width() * MAX_STEP || ch > options.height() * MAX_STEP) {
            int nw = Math.max(options.width(), cw / 2);
            int nh = Math.max(options.height(), ch / 2);
            current = draw(current, x0, y0, cw, ch, nw, nh, grey8);
            x0 = 0;
            y0 = 0;
            cw = nw;
            ch = nh;
        }
        return draw(current, x0, y0, cw, ch, options.width(), options.height(), grey8);
    }

    private static BufferedImage draw(BufferedImage source, int x0, int y0, int cw, int ch, int width, int height,
                                      boolean grey8) {
        // Grey stays grey (drawing it into colour would apply a colour-space conversion that brightens it).
        BufferedImage target = new BufferedImage(width, height,
                grey8 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            if (!grey8) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, height);
            }
            g.drawImage(source, 0, 0, width, height, x0, y0, x0 + cw, y0 + ch, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /** Copies the pixels, channels first, scaled to 0..1 and normalized if asked. */
    private static void pixels(BufferedImage image, ImageOptions options, float[] into, int offset) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        int channels = options.channels();
        int type = image.getType();
        if (type == BufferedImage.TYPE_BYTE_GRAY || type == BufferedImage.TYPE_USHORT_GRAY) {
            // Read the samples themselves: getRGB would convert from a linear grey space and brighten them.
            Raster raster = image.getRaster();
            float max = type == BufferedImage.TYPE_BYTE_GRAY ? 255f : 65535f;
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    float v = row[x] / max;
                    for (int c = 0; c < channels; c++) {
                        into[offset + c * plane + y * w + x] = v;
                    }
                }
            }
        } else {
            int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < plane; i++) {
                int p = rgb[i];
                float r = ((p >> 16) & 0xff) / 255f;
                float g = ((p >> 8) & 0xff) / 255f;
                float b = (p & 0xff) / 255f;
                if (channels == 1) {
                    into[offset + i] = 0.299f * r + 0.587f * g + 0.114f * b;
                } else {
                    into[offset + i] = r;
                    into[offset + plane + i] = g;
                    into[offset + 2 * plane + i] = b;
                }
            }
        }
        double[] mean = options.mean();
        if (mean != null) {
            double[] std = options.std();
            for (int c = 0; c < channels; c++) {
                float m = (float) mean[c];
                float s = (float) std[c];
                for (int i = 0; i < plane; i++) {
                    int at = offset + c * plane + i;
                    into[at] = (into[at] - m) / s;
                }
            }
        }
    }

    private static byte[] readAt(Path file, long position, int length) throws IOException {
        byte[] bytes = new byte[length];
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            channel.position(position);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // keep reading until full or at the end
            }
        }
        return bytes;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWith(byte[] bytes, byte[] suffix) {
        if (bytes.length < suffix.length) {
            return false;
        }
        int start = bytes.length - suffix.length;
        for (int i = 0; i < suffix.length; i++) {
            if (bytes[start + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the end-of-image marker FF D9 occurs (inside entropy-coded data FF is always followed by 00 or a restart marker). */
    private static boolean hasJpegEnd(byte[] tail) {
        for (int i = tail.length - 2; i >= 0; i--) {
            if ((tail[i] & 0xff) == 0xff && (tail[i + 1] & 0xff) == 0xd9) {
                return true;
            }
        }
        return false;
    }

    private static String reasonOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
