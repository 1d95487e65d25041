package io.periodic.statemachines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every state machine definition in statemachines/ passes asl-validator (the Amazon States Language schema and
 * its path syntax), run on the pinned Node 22 the build installs; a deliberately broken definition is refused.
 */
class AslValidationTest {
    private static Path folder;
    private static Path node;

    @BeforeAll
    static void installTools() throws Exception {
        folder = Path.of(System.getProperty("periodic.repoRoot", "..")).resolve("statemachines").toAbsolutePath();
        Result install = run(List.of("bash", folder.resolve("install.sh").toString()));
        assertEquals(0, install.exit(), "installing the state-machine tools failed:\n" + install.output());
        node = Path.of(install.output().strip().lines().reduce((a, b) -> b).orElseThrow());
        assertTrue(Files.isExecutable(node), "node binary " + node);
        Result version = run(List.of(node.toString(), "--version"));
        assertTrue(version.output().strip().startsWith("v22."), "Node 22 for aws-local-stepfunctions: " + version.output());
    }

    private static Result validate(Path definition) throws Exception {
        return run(List.of(node.toString(),
                folder.resolve("node_modules/asl-validator/dist/bin/asl-validator.js").toString(),
                "--json-path", definition.toString()));
    }

    @Test
    void everyDefinitionIsValidAmazonStatesLanguage() throws Exception {
        List<Path> definitions;
        try (Stream<Path> files = Files.list(folder)) {
            definitions = files.filter(p -> p.toString().endsWith(".asl.json")).sorted().toList();
        }
        assertFalse(definitions.isEmpty(), "no definitions found in " + folder);
        for (Path definition : definitions) {
            Result result = validate(definition);
            assertEquals(0, result.exit(), definition.getFileName() + ":\n" + result.output());
        }
    }

    @Test
    void aBrokenDefinitionIsRefused() throws Exception {
        Path broken = Path.of(AslValidationTest.class.getResource("/invalid.asl.json").toURI());
        Result result = validate(broken);
        assertNotEquals(0, result.exit(), "the validator accepted a broken definition:\n" + result.output());
    }

    record Result(int exit, String output) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Result(process.exitValue(), output);
    }
}
