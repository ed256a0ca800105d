package io.fairtune.service.auth;

import io.fairtune.service.auth.TokenService.IssuedToken;
import io.fairtune.service.auth.TokenService.TokenView;
import io.fairtune.service.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Token management for admins: create (the secret is shown once), list, revoke. */
@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "tokens", description = "Bearer tokens and their roles (admins only)")
class TokenController {

    private final TokenService tokens;

    TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    /**
     * @param role one of admin, researcher, viewer, ci, worker
     * @param expiresAt optional, RFC 3339; the token never expires without it
     */
    record CreateToken(String name, String role, @Nullable OffsetDateTime expiresAt) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowedRoles(Role.ADMIN)
    @Operation(
            operationId = "createToken",
            summary = "Create a token with a role; the answer holds its secret, shown this once")
    ResponseEntity<IssuedToken> create(@RequestBody CreateToken request, @AuthenticationPrincipal Caller caller) {
        if (request.role() == null) {
            throw new InvalidRequestException("role", "is required: one of " + String.join(", ", Role.apiNames()));
        }
        Role role = Role.fromApiName(request.role())
                .orElseThrow(() -> new InvalidRequestException(
                        "role", "unknown role '" + request.role() + "'; known: " + String.join(", ", Role.apiNames())));
        IssuedToken issued = tokens.issue(request.name(), role, request.expiresAt(), caller.name());
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.id()))
                .body(issued);
    }

    @GetMapping
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "listTokens", summary = "Every token, active, expired or revoked, without secrets")
    List<TokenView> list() {
        return tokens.list();
    }

    @GetMapping("/{id}")
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "getToken", summary = "One token, without its secret")
    TokenView get(@PathVariable long id) {
        return tokens.get(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "revokeToken", summary = "Revoke a token at once (409 for the last active admin token)")
    void revoke(@PathVariable long id) {
        tokens.revoke(id);
    }
}
