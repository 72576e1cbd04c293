package io.perceptron.dsl.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The features of examples that are image files, decoded each time they are read: a folder
 * larger than memory costs only its list of file names until it is used. Every file passed the
 * scan's check ({@link ImageDecoder#check}); one that fails to decode later (changed or removed
 * since) stops with a message naming it.
 *
 * @param files   one file per example
 * @param options how each file becomes numbers
 * @param origin  where the files came from, for printouts
 */
record ImageFiles(List<Path> files, ImageOptions options, String origin) implements FeatureStore {
    ImageFiles {
        files = List.copyOf(files);
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public void copy(int index, float[] into, int offset) {
        Path file = files.get(index);
        try {
            ImageDecoder.decode(file, options, into, offset);
        } catch (ImageDecoder.ImageProblem e) {
            throw DataErrors.imageFailedLater(file, e.getMessage());
        }
    }

    @Override
    public FeatureStore select(int[] indices) {
        List<Path> picked = new ArrayList<>(indices.length);
        for (int index : indices) {
            picked.add(files.get(index));
        }
        return new ImageFiles(picked, options, origin);
    }

    /** The file of example {@code index}. */
    Path file(int index) {
        return files.get(index);
    }
}
