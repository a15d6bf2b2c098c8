package org.backpropninja;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What the documented commands leave at the top level is ignored by git: train's runs/, the
 * profile the README's Speed section records (step.jfr) and the model docs/model-format.md exports
 * from PyTorch (notebook.safetensors). Asked of git itself, which reads .gitignore as it means it.
 */
class GitignoreTest {

    @Test
    void whatTheDocumentedCommandsLeaveIsIgnored() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isRegularFile(Path.of(".gitignore")), "run from the repository's top level");
        for (String left : List.of("step.jfr", "notebook.safetensors", "runs/20250101-120000/model.safetensors")) {
            Process git;
            try {
                git = new ProcessBuilder("git", "check-ignore", "--no-index", "-q", left).inheritIO().start();
            } catch (IOException e) {
                Assumptions.abort("git is not installed here: " + e.getMessage());
                return;
            }
            assertEquals(0, git.waitFor(), left + " is not ignored by .gitignore");
        }
    }
}
