package io.fairtune.service.auth;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a token may do. Each endpoint lists the roles it admits ({@link AllowedRoles}); everything else is denied. */
public enum Role {
    /** Everything researchers may, plus token management. */
    ADMIN,
    /** Creates, cancels and reads studies. */
    RESEARCHER,
    /** Reads studies, trials, reports and workers. */
    VIEWER,
    /** A pipeline: creates and reads studies, and cancels the studies it created. */
    CI,
    /** A worker node: the attempt API only. */
    WORKER;

    /** The lower-case spelling of the API and the command line. */
    @JsonValue
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromApiName(String name) {
        return Arrays.stream(values()).filter(r -> r.apiName().equals(name)).findFirst();
    }

    public static List<String> apiNames() {
        return Arrays.stream(values()).map(Role::apiName).toList();
    }

    /** The Spring Security authority of this role. */
    String authority() {
        return "ROLE_" + name();
    }
}
