package io.fairtune.service.web;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/**
 * What every operation of the API document states the same way, so no handler repeats it: a 201 answer names the
 * new resource in {@code Location}, and a text answer (the Markdown report, the trials CSV) is a binary download
 * of its media type, because a plain {@code string} schema makes several generators (Java's native one among
 * them) parse the text as JSON.
 */
@Configuration(proxyBeanMethods = false)
class ApiConventions {

    @Bean
    OperationCustomizer createdAndTextAnswers() {
        return (operation, handler) -> {
            if (operation.getResponses() == null) {
                return operation;
            }
            operation.getResponses().forEach((status, response) -> {
                if (status.equals("201")) {
                    locationHeader(response);
                }
                if (response.getContent() != null) {
                    response.getContent().forEach((mediaType, content) -> {
                        if (mediaType.startsWith("text/")) {
                            content.setSchema(new BinarySchema());
                            response.setDescription("UTF-8 text of the media type below, as a download");
                        }
                    });
                }
            });
            return operation;
        };
    }

    private static void locationHeader(ApiResponse response) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(HttpHeaders.LOCATION)) {
            response.addHeaderObject(
                    HttpHeaders.LOCATION,
                    new Header()
                            .description("the path of the created resource")
                            .schema(new StringSchema().format("uri-reference")));
        }
    }
}
