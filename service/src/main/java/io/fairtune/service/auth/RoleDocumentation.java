package io.fairtune.service.auth;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document states who may call what from the same {@link AllowedRoles} the security rules are built
 * from: a bearer scheme, applied to every operation, and each operation's roles in its description and in {@code
 * x-fairtune-roles}.
 */
@Configuration(proxyBeanMethods = false)
class RoleDocumentation {

    static final String SCHEME = "bearer";

    @Bean
    OpenApiCustomizer bearerScheme() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents()
                    .addSecuritySchemes(
                            SCHEME,
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.HTTP)
                                    .scheme("bearer")
                                    .description("An opaque Fairtune token (ft_...); admins create them at"
                                            + " /api/v1/tokens"));
            roleEnum(openApi.getComponents().getSchemas().get("CreateToken"));
        };
    }

    /** The token request's role is a closed set: the roles the API knows. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void roleEnum(Schema request) {
        Schema role = request == null ? null : (Schema) request.getProperties().get("role");
        if (role != null) {
            role.setEnum(new ArrayList<Object>(Role.apiNames()));
        }
    }

    @Bean
    OperationCustomizer operationRoles() {
        return (operation, handler) -> {
            AllowedRoles allowed = handler.getMethodAnnotation(AllowedRoles.class);
            if (allowed == null) {
                return operation;
            }
            List<String> roles =
                    Arrays.stream(allowed.value()).map(Role::apiName).toList();
            String line = "Roles: " + roles.stream().collect(Collectors.joining(", ")) + ".";
            operation.setDescription(
                    operation.getDescription() == null ? line : operation.getDescription() + "\n\n" + line);
            operation.addExtension("x-fairtune-roles", roles);
            operation.addSecurityItem(new SecurityRequirement().addList(SCHEME));
            return operation;
        };
    }
}
