package io.fairtune.service.auth;

import jakarta.servlet.http.HttpServletRequest;

/** The authenticated caller of an API request. */
public record Caller(String name, Role role) {

    static final String ATTRIBUTE = Caller.class.getName();

    public static Caller of(HttpServletRequest request) {
        return (Caller) request.getAttribute(ATTRIBUTE);
    }
}
