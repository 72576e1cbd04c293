package io.perceptron.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting cells into magic lines and code, and running %help. */
class MagicsTest {
    /** A cell loader that sees only the JDK, so %help does not start a deep learning engine. */
    private static final ClassLoader JDK_ONLY = new URLClassLoader(new URL[0], null);
    private final Magics magics = Magics.standard(List.of("import io.perceptron.dsl.*", "import java.util.*"), JDK_ONLY);

    private String run(String line) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        magics.run(line, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void leadingPercentLinesAreMagicsAndTheRestIsCode() {
        Magics.MagicCell cell = Magics.split("%help\n\n  %help extra\nval x = 1\n%not-a-magic-here");

        assertEquals(List.of("%help", "%help extra"), cell.magicLines());
        assertEquals("\n\n\nval x = 1\n%not-a-magic-here", cell.code(), "magic lines leave empty lines behind");
    }

    @Test
    void aCellWithoutMagicsIsLeftAsItIs() {
        Magics.MagicCell cell = Magics.split("val rate = 10 % 3\n");

        assertFalse(cell.hasMagics());
        assertEquals("val rate = 10 % 3\n", cell.code());
    }

    @Test
    void helpListsImportsEntryPointsMagicsAndShortcuts() {
        String help = run("%help");

        assertTrue(help.contains("  import io.perceptron.dsl.*"), help);
        for (String entryPoint : List.of("Model", "Datasets", "Loss", "Optimizer", "Plot", "Tensors", "Pretrained")) {
            assertTrue(help.contains("  " + entryPoint + " "), entryPoint + " missing from\n" + help);
        }
        assertTrue(help.contains("%help"), help);
        assertTrue(help.contains("Shift+Tab"), help);
    }

    @Test
    void helpSaysWhatIsMissingFromTheCellClassPath() {
        String help = run("%help");

        assertTrue(help.contains("(not on the cell class path)"), help);
        assertTrue(help.contains("Engine: DJL is not on the cell class path"), help);
    }

    @Test
    void anUnknownMagicNamesItselfAndListsTheKnownOnes() {
        MagicException error = assertThrows(MagicException.class, () -> run("%timeit x"));

        assertEquals("There is no magic %timeit. Known magics: %help. Type %help to see what each does.",
                error.getMessage());
    }

    @Test
    void aLoneSignIsNotAMagic() {
        MagicException error = assertThrows(MagicException.class, () -> run("%"));

        assertTrue(error.getMessage().contains("names no magic"), error.getMessage());
    }
}
