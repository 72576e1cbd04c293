package io.perceptron.dsl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading safetensors files the test writes itself, and the errors for broken and forged ones. */
class SafeTensorsTest {
    @TempDir
    Path folder;
    private NDManager manager;

    @BeforeEach
    void manager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Path twoTensors() {
        return new SafeTensorsFiles()
                .f32("weight", new long[] {2, 3}, 1, 2, 3, 4, 5, 6)
                .f32("bias", new long[] {3}, -0.5f, 0, 0.25f)
                .write(folder.resolve("two.safetensors"));
    }

    @Test
    void readsNamesShapesAndFloat32ValuesExactly() {
        try (SafeTensors weights = SafeTensors.open(twoTensors())) {
            assertEquals(List.of("weight", "bias"), weights.names());
            assertEquals(new Shape(2, 3), weights.shape("weight"));
            assertEquals(DataType.FLOAT32, weights.dataType("bias"));
            assertEquals(9, weights.valueCount());
            NDArray weight = weights.read("weight", manager);
            assertEquals(new Shape(2, 3), weight.getShape());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, weight.toFloatArray());
            assertArrayEquals(new float[] {-0.5f, 0, 0.25f}, weights.read("bias", manager).toFloatArray());
            assertEquals("SafeTensors(two.safetensors: 2 tensors, 9 numbers, F32)", weights.toString());
        }
    }

    @Test
    void arraysReadStayValidAfterTheFileIsClosedAndDoNotWriteThroughToIt() throws IOException {
        Path file = twoTensors();
        byte[] before = Files.readAllBytes(file);
        NDArray bias;
        try (SafeTensors weights = SafeTensors.open(file)) {
            bias = weights.read("bias", manager);
        }
        bias.addi(1);
        assertArrayEquals(new float[] {0.5f, 1, 1.25f}, bias.toFloatArray());
        assertArrayEquals(before, Files.readAllBytes(file), "the file is only read");
    }

    @Test
    void readsHalfPrecisionBrainFloatAndIntegerTensors() {
        // 1.5 and -2 in IEEE half precision (0x3E00, 0xC000) and in bfloat16 (0x3FC0, 0xC000).
        Path file = new SafeTensorsFiles()
                .tensor("half", "F16", new long[] {2}, SafeTensorsFiles.halves(0x3E00, 0xC000))
                .tensor("brain", "BF16", new long[] {2}, SafeTensorsFiles.halves(0x3FC0, 0xC000))
                .tensor("ids", "I64", new long[] {3}, SafeTensorsFiles.longs(7, -1, 30521))
                .tensor("small", "I16", new long[] {2}, SafeTensorsFiles.halves(-3, 300))
                .write(folder.resolve("types.safetensors"));
        try (SafeTensors weights = SafeTensors.open(file)) {
            assertEquals(DataType.FLOAT16, weights.dataType("half"));
            assertEquals("BF16", weights.dtype("brain"));
            assertEquals(DataType.FLOAT32, weights.dataType("brain"), "widened: DJL takes no BF16 buffer");
            assertArrayEquals(new float[] {1.5f, -2}, weights.read("half", manager).toType(DataType.FLOAT32, false)
                    .toFloatArray());
            assertArrayEquals(new float[] {1.5f, -2}, weights.read("brain", manager).toType(DataType.FLOAT32, false)
                    .toFloatArray());
            assertArrayEquals(new long[] {7, -1, 30521}, weights.read("ids", manager).toLongArray());
            assertArrayEquals(new int[] {-3, 300}, weights.read("small", manager).toIntArray());
            assertEquals("SafeTensors(types.safetensors: 4 tensors, 9 numbers, BF16/F16/I16/I64)", weights.toString());
        }
    }

    @Test
    void readsMetadataScalarsAndEmptyTensors() {
        Path file = new SafeTensorsFiles()
                .metadata("{\"format\":\"pt\"}")
                .f32("scale", new long[] {}, 2.5f)
                .f32("nothing", new long[] {0, 4})
                .write(folder.resolve("small.safetensors"));
        try (SafeTensors weights = SafeTensors.open(file)) {
            assertEquals(Map.of("format", "pt"), weights.metadata());
            assertFalse(weights.contains("__metadata__"), "metadata is not a tensor");
            assertEquals(2.5f, weights.read("scale", manager).getFloat());
            assertEquals(new Shape(0, 4), weights.read("nothing", manager).getShape());
        }
    }

    @Test
    void aMissingTensorNameListsTheNamesThereAre() {
        try (SafeTensors weights = SafeTensors.open(twoTensors())) {
            PerceptronException error = assertThrows(PerceptronException.class, () -> weights.read("wieght", manager));
            assertTrue(error.getMessage().contains("has no tensor 'wieght'. It holds 2 tensors: weight, bias."),
                    error.getMessage());
        }
    }

    @Test
    void aMissingFileSaysWhereItLooked() {
        PerceptronException error = assertThrows(PerceptronException.class,
                () -> SafeTensors.open(folder.resolve("absent.safetensors")));
        assertTrue(error.getMessage().startsWith("No weights file at " + folder.resolve("absent.safetensors")),
                error.getMessage());
    }

    @Test
    void aFileShorterThanTheHeaderLengthIsNotSafetensors() throws IOException {
        Path file = Files.writeString(folder.resolve("tiny.safetensors"), "{}");
        assertMessage(file, "it is 2 bytes long, and a safetensors file starts with an 8-byte header length");
    }

    @Test
    void aHeaderLengthBeyondTheFileMeansItIsTruncated() throws IOException {
        byte[] whole = Files.readAllBytes(twoTensors());
        Path cut = Files.write(folder.resolve("cut.safetensors"), java.util.Arrays.copyOf(whole, 40));
        long length = ByteBuffer.wrap(whole, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertMessage(cut, "its first 8 bytes give a header of " + length + " bytes, but the file has only 32 bytes"
                + " after the length (truncated?)");
    }

    @Test
    void aTextFileIsRefusedByItsHeaderLength() throws IOException {
        Path file = Files.writeString(folder.resolve("notes.txt"), "These are notes, not weights.\n");
        assertMessage(file, "is not a valid safetensors file: its first 8 bytes give a header of");
    }

    @Test
    void aHeaderThatIsNotJsonSaysSo() {
        Path file = SafeTensorsFiles.raw(folder.resolve("bad.safetensors"), "{\"w\": {dtype: F32}", new byte[0]);
        assertMessage(file, "is not a valid safetensors header:");
        Path list = SafeTensorsFiles.raw(folder.resolve("list.safetensors"), "[1, 2]", new byte[0]);
        assertMessage(list, "it is an array, not an object of tensors");
    }

    @Test
    void tensorDataPastTheEndOfTheFileNamesTheTensor() throws IOException {
        byte[] whole = Files.readAllBytes(twoTensors());
        Path cut = Files.write(folder.resolve("cut.safetensors"), java.util.Arrays.copyOf(whole, whole.length - 4));
        assertMessage(cut, "Tensor 'bias' in " + cut + " lies at bytes [24, 36) of the data, but the file holds only"
                + " 32 bytes of data after its header: the file is truncated.");
    }

    @Test
    void overlappingTensorsAreNamedWithTheirRanges() {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        Path file = SafeTensorsFiles.raw(folder.resolve("overlap.safetensors"), header, new byte[12]);
        assertMessage(file, "Tensors 'a' [0, 8) and 'b' [4, 12) in " + file + " share bytes");
    }

    @Test
    void bytesThatBelongToNoTensorAreRefused() {
        String gap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        Path file = SafeTensorsFiles.raw(folder.resolve("gap.safetensors"), gap, new byte[12]);
        assertMessage(file, "Bytes [4, 8) of the data in " + file + " belong to no tensor (between 'a' and 'b')");
        String trailing = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        Path longer = SafeTensorsFiles.raw(folder.resolve("longer.safetensors"), trailing, new byte[10]);
        assertMessage(longer, "The last 6 bytes of " + longer + " belong to no tensor");
    }

    @Test
    void aByteRangeThatDoesNotFitTheShapeAndDtypeNamesAllThree() {
        String header = "{\"w\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,24]}}";
        Path file = SafeTensorsFiles.raw(folder.resolve("count.safetensors"), header, new byte[24]);
        assertMessage(file, "Tensor 'w' in " + file + " is F16 shaped (2, 3), which takes 12 bytes, but its"
                + " data_offsets [0, 24] span 24 bytes.");
    }

    @Test
    void malformedFieldsNameTheTensorAndWhatWasExpected() {
        assertField("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}",
                "Tensor 'w' in %s has data_offsets [8, 0]: the end lies before the start.");
        assertField("{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}",
                "Tensor 'w' in %s has shape [-2], but needs an array of sizes (whole numbers of at least 0).");
        assertField("{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}",
                "Tensor 'w' in %s needs data_offsets: an array of 2 byte offsets");
        assertField("{\"w\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,1]}}",
                "Tensor 'w' in %s has dtype Q4, which the DSL cannot read. Readable dtypes: F64, F32, F16, BF16,");
        assertField("{\"w\":[1,2]}", "Tensor 'w' in %s must be an object with dtype, shape and data_offsets");
    }

    private void assertField(String header, String message) {
        Path file = SafeTensorsFiles.raw(folder.resolve("field.safetensors"), header, new byte[8]);
        assertMessage(file, String.format(message, file));
    }

    private static void assertMessage(Path file, String expected) {
        PerceptronException error = assertThrows(PerceptronException.class, () -> SafeTensors.open(file));
        assertTrue(error.getMessage().contains(expected), "expected '" + expected + "' in: " + error.getMessage());
    }
}
