package io.fairtune.service.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A bearer token, stored as the SHA-256 of its secret; revoked tokens stay on record. */
@Entity
@Table(name = "api_token")
class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    @Enumerated(EnumType.STRING)
    private Role role;

    @Column(name = "token_hash", columnDefinition = "bpchar(64)")
    private String tokenHash;

    @Column(name = "created_at", insertable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Column(name = "revoked_at", insertable = false, updatable = false)
    private OffsetDateTime revokedAt;

    @Column(name = "created_by")
    private String createdBy;

    protected ApiToken() {}

    ApiToken(String name, Role role, String tokenHash, OffsetDateTime expiresAt, String createdBy) {
        this.name = name;
        this.role = role;
        this.tokenHash = tokenHash;
        this.expiresAt = expiresAt;
        this.createdBy = createdBy;
    }

    Long id() {
        return id;
    }

    String name() {
        return name;
    }

    Role role() {
        return role;
    }

    OffsetDateTime createdAt() {
        return createdAt;
    }

    OffsetDateTime expiresAt() {
        return expiresAt;
    }

    OffsetDateTime revokedAt() {
        return revokedAt;
    }

    String createdBy() {
        return createdBy;
    }

    Caller caller() {
        return new Caller(id, name, role);
    }
}
