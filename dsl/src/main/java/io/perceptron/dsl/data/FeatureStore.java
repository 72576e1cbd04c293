package io.perceptron.dsl.data;

/**
 * Where the features of {@link Examples} live: an array in memory, or image files decoded when
 * they are needed ({@link ImageFiles}). Labels are always in memory; they are small.
 *
 * <p>{@link #copy} may be called from several threads at once (training decodes the next batches
 * on a background thread while the current one trains).
 */
sealed interface FeatureStore permits FeatureStore.InMemory, ImageFiles {

    /** How many examples there are. */
    int size();

    /** Copies example {@code index}'s features into {@code into} from {@code offset}. */
    void copy(int index, float[] into, int offset);

    /** The examples at {@code indices}, in that order, kept in the same kind of store. */
    FeatureStore select(int[] indices);

    /** Where the features come from, for printouts: empty for memory, "read from folder ..." for files. */
    String origin();

    /** Features held in one array, example after example. */
    record InMemory(float[] values, int featureSize) implements FeatureStore {
        @Override
        public int size() {
            return values.length / featureSize;
        }

        @Override
        public void copy(int index, float[] into, int offset) {
            System.arraycopy(values, index * featureSize, into, offset, featureSize);
        }

        @Override
        public FeatureStore select(int[] indices) {
            float[] picked = new float[indices.length * featureSize];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(values, indices[i] * featureSize, picked, i * featureSize, featureSize);
            }
            return new InMemory(picked, featureSize);
        }

        @Override
        public String origin() {
            return "";
        }
    }
}
