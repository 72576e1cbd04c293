package io.perceptron.dsl.layer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * Embeddings: a learned vector per token id ({@code embedding}), a learned vector per position
 * added to each step ({@code positionalEmbedding}), or a learned vector per segment type added to
 * each step ({@code tokenTypeEmbedding}, BERT's sentence A/B marker; a single input sentence is all
 * segment 0).
 */
final class EmbeddingLayer implements Layer {

    enum Kind { TOKEN, POSITION, TOKEN_TYPE }

    private final Kind kind;
    private final int rows;
    private final int dimension;
    /** Token id 0 is padding, masked out of the layers that read the mask. */
    private final boolean masked;

    private EmbeddingLayer(Kind kind, int rows, int dimension, boolean masked) {
        this.kind = kind;
        this.rows = rows;
        this.dimension = dimension;
        this.masked = masked;
    }

    static EmbeddingLayer tokens(int vocabularySize, int dimension, boolean masked) {
        return new EmbeddingLayer(Kind.TOKEN, vocabularySize, dimension, masked);
    }

    static EmbeddingLayer positions(int maxLength) {
        return new EmbeddingLayer(Kind.POSITION, maxLength, 0, false);
    }

    static EmbeddingLayer tokenTypes(int types) {
        return new EmbeddingLayer(Kind.TOKEN_TYPE, types, 0, false);
    }

    @Override
    public boolean masksPadding() {
        return masked;
    }

    /** A vector per token, per position or per segment: each step on its own. */
    @Override
    public boolean ignoresPadding() {
        return true;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (kind == Kind.TOKEN) {
            if (input.dimension() != 1) {
                throw LayerErrors.needsTokenIds(this, input);
            }
            return input.add(dimension);
        }
        if (input.dimension() != 2) {
            throw LayerErrors.needsSequence(this, input);
        }
        if (kind == Kind.POSITION && input.get(0) > rows) {
            throw LayerErrors.longerThanMaxLength(this, input, rows);
        }
        return input;
    }

    /** One vector per row of the table: token ids, positions, or segment types. */
    @Override
    public long parameterCount(Shape input) {
        Shape output = outputShape(input);
        return (long) rows * output.get(1);
    }

    @Override
    public Block block(Shape input) {
        if (kind == Kind.TOKEN) {
            return new EmbeddingBlock(this, rows, dimension);
        }
        return new AddedEmbeddingBlock(this, kind == Kind.POSITION, rows, input.get(1));
    }

    @Override
    public LayerDescription describe() {
        return switch (kind) {
            case TOKEN -> LayerDescription.of(masked ? "maskedEmbedding" : "embedding", "vocabularySize", rows,
                    "dimension", dimension);
            case POSITION -> LayerDescription.of("positionalEmbedding", "maxLength", rows);
            case TOKEN_TYPE -> LayerDescription.of("tokenTypeEmbedding", "types", rows);
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TOKEN -> (masked ? "maskedEmbedding(" : "embedding(") + rows + ", " + dimension + ")";
            case POSITION -> "positionalEmbedding(" + rows + ")";
            case TOKEN_TYPE -> "tokenTypeEmbedding(" + rows + ")";
        };
    }
}
