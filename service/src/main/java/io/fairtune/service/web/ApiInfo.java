package io.fairtune.service.web;

import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title, description and version (the service jar's own). */
@Configuration(proxyBeanMethods = false)
class ApiInfo {

    @Bean
    OpenApiCustomizer info() {
        String version = ApiInfo.class.getPackage().getImplementationVersion();
        return openApi -> openApi.info(new Info()
                .title("Fairtune API")
                .version(version == null ? "development" : version)
                .description("""
                        Fair optimizer comparisons: submit a study spec whose arms get equal quasi-random tuning \
                        budgets, follow its trials, and read a report that judges its claims (non-inferiority or \
                        superiority, Holm-adjusted, INSUFFICIENT_DATA where the sample cannot support a verdict).

                        Every call needs a bearer token (`Authorization: Bearer ft_...`); each operation names the \
                        roles that may call it. Errors are RFC 9457 problem details (`application/problem+json`) \
                        whose `type` is one of those listed in the Problem schema. Seeds are 64-bit integers and \
                        are written as decimal strings in answers."""));
    }
}
