package io.fairtune.service.study.api;

import io.fairtune.service.auth.AllowedRoles;
import io.fairtune.service.auth.Role;
import io.fairtune.service.json.Json;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The example specs shipped with the service, as starting points for new studies. */
@RestController
@Tag(name = "studies")
class TemplateController {

    /** One bundled spec. */
    record Template(String file, String name, String description, Map<String, Object> spec) {}

    private final List<Template> templates;

    TemplateController() throws IOException {
        List<Template> found = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath:specs/*.json")) {
            Map<String, Object> spec = Json.readMap(read(resource));
            found.add(new Template(
                    resource.getFilename(),
                    String.valueOf(spec.get("name")),
                    String.valueOf(spec.getOrDefault("description", "")),
                    spec));
        }
        found.sort(Comparator.comparing(Template::file));
        this.templates = List.copyOf(found);
    }

    @GetMapping("/api/v1/templates")
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER, Role.VIEWER, Role.CI})
    @Operation(operationId = "listTemplates", summary = "Example study specs to start from")
    List<Template> templates() {
        return templates;
    }

    private static String read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
