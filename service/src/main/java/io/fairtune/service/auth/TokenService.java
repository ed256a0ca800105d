package io.fairtune.service.auth;

import io.fairtune.service.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues, checks, lists and revokes bearer tokens. Secrets are random; only their SHA-256 is stored. */
@Service
public class TokenService {

    /** Names show up in logs and as the creator of studies: plain, short, no spaces. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final ApiTokenRepository tokens;
    private final SecureRandom random = new SecureRandom();

    TokenService(ApiTokenRepository tokens) {
        this.tokens = tokens;
    }

    /** A token as listed: never its secret. {@code status} is {@code active}, {@code expired} or {@code revoked}. */
    public record TokenView(
            long id,
            String name,
            Role role,

            @Schema(allowableValues = {"active", "expired", "revoked"})
            String status,

            OffsetDateTime createdAt,
            @Nullable OffsetDateTime expiresAt,
            @Nullable OffsetDateTime revokedAt,
            @Nullable String createdBy) {}

    /** A new token with its secret, which is shown this once and kept nowhere. */
    public record IssuedToken(
            long id,
            String name,
            Role role,
            OffsetDateTime createdAt,
            @Nullable OffsetDateTime expiresAt,
            @Nullable String createdBy,
            String token) {}

    /**
     * Creates a token.
     *
     * @param expiresAt null for a token that never expires; otherwise in the future
     * @throws InvalidRequestException for a name that is not plain text or an expiry in the past
     * @throws TokenNameTakenException when an active token has the name
     */
    @Transactional
    public IssuedToken issue(String name, Role role, OffsetDateTime expiresAt, String createdBy) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRequestException(
                    "name", "must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (expiresAt != null && !expiresAt.toInstant().isAfter(tokens.databaseNow())) {
            throw new InvalidRequestException("expiresAt", "must lie in the future, got " + expiresAt);
        }
        if (tokens.existsByNameAndRevokedAtIsNull(name)) {
            throw new TokenNameTakenException(name);
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = "ft_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiToken saved = tokens.saveAndFlush(new ApiToken(name, role, hash(token), expiresAt, createdBy));
        ApiToken stored = tokens.findById(saved.id()).orElseThrow();
        return new IssuedToken(
                stored.id(), name, role, stored.createdAt(), stored.expiresAt(), stored.createdBy(), token);
    }

    /** The caller a secret belongs to, if it names a token that is neither revoked nor expired. */
    @Transactional(readOnly = true)
    public Optional<Caller> authenticate(String token) {
        return tokens.findActiveByHash(hash(token)).map(ApiToken::caller);
    }

    @Transactional(readOnly = true)
    public List<TokenView> list() {
        Instant now = tokens.databaseNow();
        return tokens.findAllByOrderById().stream().map(t -> view(t, now)).toList();
    }

    @Transactional(readOnly = true)
    public TokenView get(long id) {
        return tokens.findById(id)
                .map(t -> view(t, tokens.databaseNow()))
                .orElseThrow(() -> new TokenNotFoundException(id));
    }

    /**
     * Revokes a token at once; revoking a revoked token changes nothing.
     *
     * @throws LastAdminTokenException when it is the only active admin token
     */
    @Transactional
    public void revoke(long id) {
        ApiToken token = tokens.findById(id).orElseThrow(() -> new TokenNotFoundException(id));
        if (token.role() == Role.ADMIN) {
            List<ApiToken> admins = tokens.lockActiveAdmins();
            if (admins.size() == 1 && admins.get(0).id().equals(token.id())) {
                throw new LastAdminTokenException(id);
            }
        }
        tokens.revoke(id);
    }

    @Transactional(readOnly = true)
    public boolean anyIssued() {
        return tokens.count() > 0;
    }

    private static TokenView view(ApiToken t, Instant now) {
        String status = t.revokedAt() != null
                ? "revoked"
                : t.expiresAt() != null && !t.expiresAt().toInstant().isAfter(now) ? "expired" : "active";
        return new TokenView(
                t.id(), t.name(), t.role(), status, t.createdAt(), t.expiresAt(), t.revokedAt(), t.createdBy());
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
