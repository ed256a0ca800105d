package io.fairtune.service.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * On the first start (no token in the database) creates an admin and a worker token, writes them to
 * {@code <data-dir>/admin-token} and {@code <data-dir>/worker-token} (mode 600) and prints the admin token
 * once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TokenBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TokenBootstrap.class);

    private final TokenService tokens;
    private final Path dataDir;
    private final Environment environment;

    TokenBootstrap(TokenService tokens, @Value("${fairtune.data-dir}") Path dataDir, Environment environment) {
        this.tokens = tokens;
        this.dataDir = dataDir;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (tokens.anyIssued()) {
            return;
        }
        String admin = tokens.issue("admin", Role.ADMIN, null, "first start").token();
        String worker = tokens.issue("worker", Role.WORKER, null, "first start").token();
        write(dataDir.resolve("admin-token"), admin);
        write(dataDir.resolve("worker-token"), worker);
        // The dashboard reads the token from the fragment, which browsers never send to the server.
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        log.info(
                "\n\n  Admin token (shown once; also in {}):\n    {}\n  Dashboard sign-in link:\n"
                        + "    http://localhost:{}/#token={}\n",
                dataDir.resolve("admin-token").toAbsolutePath(),
                admin,
                port,
                admin);
    }

    private static void write(Path file, String token) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
