package io.perceptron.dsl.model;

import io.perceptron.dsl.layer.Layers;

/**
 * Famous networks described with the DSL, layer for layer as their reference implementations, so
 * their parameter counts can be compared with the published ones. Describing them allocates
 * nothing: {@code summary()} and {@code parameterCount()} are instant even for GPT-2 XL. Building
 * one for real ({@code djl()}) allocates every parameter (GPT-2 XL: about 6 GB).
 *
 * <pre>{@code
 * Architectures.alexNet().parameterCount()   // 61100840, torchvision's AlexNet
 * Architectures.bertLarge().summary()        // embeddings, 24 transformer blocks, pooler
 * Architectures.gpt2XL().parameterCount()    // 1557611200
 * Architectures.allMiniLmL6V2().summary()    // the sentence encoder Pretrained.load fills with published weights
 * }</pre>
 */
public final class Architectures {
    /** BERT's vocabulary (WordPiece, uncased) and number of learned positions. */
    private static final int BERT_VOCABULARY = 30_522;
    private static final int BERT_POSITIONS = 512;
    /** GPT-2's byte-pair vocabulary and context length. */
    private static final int GPT2_VOCABULARY = 50_257;
    private static final int GPT2_POSITIONS = 1_024;

    private Architectures() {
    }

    /**
     * AlexNet as torchvision defines it (Krizhevsky 2012, single-GPU variant): five convolutions,
     * three max-poolings, an adaptive average pooling to 6x6 and three dense layers, for 224x224
     * colour images and 1000 classes. 61,100,840 parameters.
     */
    public static Model alexNet() {
        return Model.sequential("AlexNet").input(3, 224, 224)
                .conv2d(64, 11, 4, 2).relu().maxPool(3, 2)
                .conv2d(192, 5, 1, 2).relu().maxPool(3, 2)
                .conv2d(384, 3, 1, 1).relu()
                .conv2d(256, 3, 1, 1).relu()
                .conv2d(256, 3, 1, 1).relu().maxPool(3, 2)
                .adaptiveAvgPool(6, 6).flatten()
                .dropout(0.5).dense(4096).relu()
                .dropout(0.5).dense(4096).relu()
                .dense(1000);
    }

    /**
     * BERT-base (Devlin et al. 2018): 12 post-norm transformer blocks of 768 features, 12 heads,
     * with the pooler on the [CLS] token. 109,482,240 parameters.
     */
    public static Model bertBase() {
        return bert("BERT-base", 12, 768, 12);
    }

    /**
     * BERT-large (Devlin et al. 2018): 24 post-norm transformer blocks of 1024 features, 16 heads,
     * feed-forward 4096, with the pooler (a dense tanh layer on the [CLS] token). 335,141,888
     * parameters, as Hugging Face's {@code BertModel} for {@code bert-large-uncased}.
     */
    public static Model bertLarge() {
        return bert("BERT-large", 24, 1024, 16);
    }

    private static Model bert(String name, int blocks, int features, int heads) {
        Model model = Model.sequential(name).input(BERT_POSITIONS)
                .embedding(BERT_VOCABULARY, features).positionalEmbedding(BERT_POSITIONS).tokenTypeEmbedding(2)
                .layerNorm().dropout(0.1);
        for (int i = 0; i < blocks; i++) {
            model.transformerEncoder(heads, 4 * features);
        }
        return model.firstToken().dense(features).tanh();
    }

    /**
     * all-MiniLM-L6-v2 (Reimers and Gurevych's sentence-transformers, a MiniLM of Wang et al. 2020):
     * a BERT of 6 blocks of 384 features and 12 heads reading up to 256 tokens, whose token vectors
     * are averaged (padding left out) and scaled to length 1. 22,565,376 parameters; the published
     * 22.7M also counts BERT's pooler (147,840), which mean pooling does not use. Described only:
     * {@code Pretrained.load("all-MiniLM-L6-v2")} builds it with the published weights.
     */
    public static Model allMiniLmL6V2() {
        return sentenceEncoder("all-MiniLM-L6-v2", BertConfig.miniLmL6(), 256, true);
    }

    /**
     * A BERT-shaped sentence encoder: token ids (0 is padding) in, one vector per example out, the
     * mean of the last block's token vectors over real tokens, scaled to length 1 when
     * {@code normalize}. Post-norm blocks with the configuration's layer-norm epsilon, dropout and
     * activation, as Hugging Face's {@code BertModel}; {@link BertCheckpoint} knows which published
     * tensor goes into which of these layers.
     */
    static Model sentenceEncoder(String name, BertConfig config, int maxLength, boolean normalize) {
        Model model = Model.sequential(name).input(maxLength)
                .add(Layers.maskedEmbedding(config.vocabularySize(), config.features()))
                .positionalEmbedding(config.maxPositions()).tokenTypeEmbedding(config.tokenTypes())
                .add(Layers.layerNorm(config.layerNormEpsilon())).dropout(config.dropout());
        for (int i = 0; i < config.blocks(); i++) {
            model.add(Layers.transformerEncoder(config.heads(), config.feedForwardSize()).dropout(config.dropout())
                    .layerNormEpsilon(config.layerNormEpsilon()).activation(config.activation()));
        }
        model.globalAvgPool();
        return normalize ? model.add(Layers.unitNormalization()) : model;
    }

    /**
     * GPT-2 small (Radford et al. 2019): 12 pre-norm causal transformer blocks of 768 features.
     * 124,439,808 parameters; the output layer reuses the token embedding, so it adds none.
     */
    public static Model gpt2Small() {
        return gpt2("GPT-2 small", 12, 768, 12);
    }

    /**
     * GPT-2 XL (Radford et al. 2019): 48 pre-norm causal transformer blocks of 1600 features, 25
     * heads, then a final layer norm. 1,557,611,200 parameters, as Hugging Face's {@code GPT2Model}
     * for {@code gpt2-xl}; the output layer reuses the token embedding, so it adds none.
     */
    public static Model gpt2XL() {
        return gpt2("GPT-2 XL", 48, 1600, 25);
    }

    private static Model gpt2(String name, int blocks, int features, int heads) {
        Model model = Model.sequential(name).input(GPT2_POSITIONS)
                .embedding(GPT2_VOCABULARY, features).positionalEmbedding(GPT2_POSITIONS).dropout(0.1);
        for (int i = 0; i < blocks; i++) {
            model.add(Layers.transformerEncoder(heads, 4 * features).preNorm().causal());
        }
        return model.layerNorm();
    }
}
