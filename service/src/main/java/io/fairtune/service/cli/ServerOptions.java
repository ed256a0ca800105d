package io.fairtune.service.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which service to talk to and with which token. The token never comes from a flag's value, which would land in a
 * CI log: from {@code --token-file} or the {@code FAIRTUNE_TOKEN} variable (a pipeline's masked secret).
 */
final class ServerOptions {

    static final String SERVER_VARIABLE = "FAIRTUNE_SERVER";
    static final String TOKEN_VARIABLE = "FAIRTUNE_TOKEN";

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "the Fairtune service, e.g. https://fairtune.example.org (default: $" + SERVER_VARIABLE + ")")
    String server;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "a file holding the bearer token (default: $" + TOKEN_VARIABLE + ")")
    Path tokenFile;

    /** Whether a server was named, by the flag or the environment. */
    boolean given(Map<String, String> environment) {
        return server != null || environment.containsKey(SERVER_VARIABLE);
    }

    ServiceClient connect(Map<String, String> environment) {
        String url = server != null ? server : environment.get(SERVER_VARIABLE);
        if (url == null || url.isBlank()) {
            throw new CliFailure(ExitCodes.USAGE, "no service named: give --server URL or set " + SERVER_VARIABLE);
        }
        return new ServiceClient(baseUri(url), token(environment));
    }

    private static URI baseUri(String url) {
        try {
            URI uri = new URI(url.endsWith("/") ? url : url + "/");
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new CliFailure(ExitCodes.USAGE, "--server must be an http or https URL, not '" + url + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new CliFailure(ExitCodes.USAGE, "--server is not a URL: " + e.getMessage());
        }
    }

    private String token(Map<String, String> environment) {
        if (tokenFile != null) {
            try {
                String token =
                        Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
                if (token.isEmpty()) {
                    throw new CliFailure(ExitCodes.USAGE, tokenFile + " is empty; it should hold a bearer token");
                }
                return token;
            } catch (IOException e) {
                throw new CliFailure(ExitCodes.USAGE, "cannot read the token file " + tokenFile + " (" + e + ")");
            }
        }
        String token = environment.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new CliFailure(ExitCodes.USAGE, "no token: give --token-file FILE or set " + TOKEN_VARIABLE);
        }
        return token.trim();
    }
}
