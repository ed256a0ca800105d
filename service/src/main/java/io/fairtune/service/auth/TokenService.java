package io.fairtune.service.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues and checks bearer tokens. Secrets are random; only their SHA-256 is stored. */
@Service
public class TokenService {

    private final ApiTokenRepository tokens;
    private final SecureRandom random = new SecureRandom();

    TokenService(ApiTokenRepository tokens) {
        this.tokens = tokens;
    }

    /** Creates a token and returns its secret, which is not kept anywhere. */
    @Transactional
    public String issue(String name, Role role) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = "ft_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        tokens.save(new ApiToken(name, role, hash(token)));
        return token;
    }

    @Transactional(readOnly = true)
    public Optional<Caller> authenticate(String token) {
        return tokens.findByTokenHash(hash(token)).map(t -> new Caller(t.name(), t.role()));
    }

    @Transactional(readOnly = true)
    public boolean anyIssued() {
        return tokens.count() > 0;
    }

    static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
