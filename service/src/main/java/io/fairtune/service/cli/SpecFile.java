package io.fairtune.service.cli;

import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.service.problem.FieldError;
import io.fairtune.service.spec.SpecValidationException;
import io.fairtune.service.spec.StudySpec;
import io.fairtune.service.spec.StudySpecParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * A spec file read and validated here, with the service's own rules, before anything is sent: a rejected spec
 * exits 3 with each field error at its line.
 *
 * @param json the text to submit: the file's, with any labels added
 * @param optimizers what the spec was validated against: the built-ins and the plugins of {@code --plugins-dir}
 */
record SpecFile(Path path, String json, StudySpec spec, OptimizerRegistry optimizers) {

    /** Reads and validates {@code path}; on a rejection prints every field error to {@code err} and throws. */
    static SpecFile read(Path path, OptimizerRegistry optimizers, PrintWriter err) {
        String json;
        try {
            json = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.SPEC_REJECTED, path + ": cannot read the spec (" + e.getMessage() + ")");
        }
        return new SpecFile(path, json, parse(path, json, optimizers, err), optimizers);
    }

    /**
     * This spec with {@code labels} added (a label the file sets is overridden), validated again: a label can be
     * rejected too.
     */
    SpecFile withLabels(Map<String, String> labels, PrintWriter err) {
        if (labels.isEmpty()) {
            return this;
        }
        ObjectNode tree = (ObjectNode) ServiceClient.JSON.readTree(json);
        ObjectNode section = tree.has("labels") && tree.get("labels").isObject()
                ? (ObjectNode) tree.get("labels")
                : tree.putObject("labels");
        labels.forEach(section::put);
        String labelled = ServiceClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        return new SpecFile(path, labelled, parse(path, labelled, optimizers, err), optimizers);
    }

    private static StudySpec parse(Path path, String json, OptimizerRegistry optimizers, PrintWriter err) {
        try {
            return StudySpecParser.parse(json, optimizers);
        } catch (SpecValidationException e) {
            SpecLines lines = SpecLines.of(json);
            for (FieldError error : e.errors()) {
                String field = error.field().isEmpty() ? "spec" : error.field();
                err.println(path + ":" + lines.lineOf(error.field()) + ": " + field + ": " + error.message());
            }
            throw new CliFailure(
                    ExitCodes.SPEC_REJECTED,
                    path + ": rejected, " + e.errors().size() + " field error"
                            + (e.errors().size() == 1 ? "" : "s"));
        }
    }
}
