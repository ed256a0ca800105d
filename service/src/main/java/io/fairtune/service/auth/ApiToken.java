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

/** A bearer token, stored as the SHA-256 of its secret. */
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

    protected ApiToken() {}

    ApiToken(String name, Role role, String tokenHash) {
        this.name = name;
        this.role = role;
        this.tokenHash = tokenHash;
    }

    String name() {
        return name;
    }

    Role role() {
        return role;
    }
}
