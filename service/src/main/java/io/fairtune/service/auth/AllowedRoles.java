package io.fairtune.service.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call an endpoint. Every handler method of the API carries it: the security filter chain
 * admits exactly these roles on exactly the method's routes, and the OpenAPI document states them. A handler
 * without it is denied to everyone, so a new endpoint is closed until someone decides who may call it.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AllowedRoles {
    Role[] value();
}
