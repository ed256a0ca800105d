package io.fairtune.service.auth;

import io.fairtune.service.problem.ProblemType;
import io.fairtune.service.web.Problems;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Deny by default. Authentication is an opaque bearer token; authorization matches requests with the same path
 * patterns Spring MVC routes by (decoded and normalized, so {@code /%61pi/...} is {@code /api/...}), and the
 * rules are generated from each endpoint's {@link AllowedRoles}. Public: the dashboard's static files and the API
 * document. Spring Security's firewall rejects paths that are not normalized ({@code //}, {@code /./}, {@code ;}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The dashboard loads only its own files; nothing may frame it or learn its URL (the token is in it once). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none';"
            + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String[] PUBLIC_FILES = {
        "/",
        "/index.html",
        "/favicon.svg",
        "/css/**",
        "/js/**",
        "/webjars/**",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**"
    };

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            TokenService tokens,
            // MVC's own mapping: the actuator adds a second one for its endpoints, which have rules of their own.
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            boolean tokenGiven = e instanceof BadCredentialsException;
            response.setHeader(
                    "WWW-Authenticate", tokenGiven ? "Bearer error=\"invalid_token\"" : "Bearer realm=\"fairtune\"");
            Problems.write(
                    response,
                    ProblemType.UNAUTHORIZED,
                    tokenGiven
                            ? "the bearer token is unknown, expired or revoked"
                            : "send Authorization: Bearer <token>");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> {
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            String role = caller != null && caller.getPrincipal() instanceof Caller c
                    ? "a " + c.role().apiName() + " token"
                    : "this caller";
            Problems.write(
                    response,
                    ProblemType.FORBIDDEN,
                    role + " may not call " + request.getMethod() + " on this path; the OpenAPI document lists"
                            + " the roles of every endpoint");
        };
        List<Rule> rules = rules(mappings);
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(tokens, unauthorized), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(f -> f.deny()))
                .authorizeHttpRequests(authorize -> {
                    // Errors the container renders itself (a malformed request) carry no data.
                    authorize.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    for (String file : PUBLIC_FILES) {
                        authorize.requestMatchers(readable(file)).permitAll();
                    }
                    // Probes for orchestrators and load balancers: state only, no details.
                    authorize
                            .requestMatchers(readable("/actuator/health"), readable("/actuator/health/**"))
                            .permitAll();
                    authorize
                            .requestMatchers(readable("/actuator/**"))
                            .hasAnyRole(Role.ADMIN.name(), Role.VIEWER.name());
                    for (Rule rule : rules) {
                        authorize
                                .requestMatchers(rule.matcher())
                                .hasAnyRole(Arrays.stream(rule.roles())
                                        .map(Role::name)
                                        .toArray(String[]::new));
                    }
                    authorize.anyRequest().denyAll();
                });
        return http.build();
    }

    /** Paths the firewall refuses (not normalized, encoded slashes, ';') get a problem, not a stack trace. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> Problems.write(
                response,
                ProblemType.REQUEST_INVALID,
                "the request path is not in normalized form or holds characters the API never uses");
    }

    record Rule(RequestMatcher matcher, Role[] roles) {}

    /**
     * One rule per route of every Fairtune handler method. A handler of ours without {@link AllowedRoles} stops
     * the start: an endpoint nobody decided on must not exist. Other handlers (the API document's) are covered
     * by the public list or denied.
     */
    static List<Rule> rules(RequestMappingHandlerMapping mappings) {
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getPackageName().startsWith("io.fairtune.")) {
                continue;
            }
            AllowedRoles allowed = handler.getMethodAnnotation(AllowedRoles.class);
            if (allowed == null) {
                throw new IllegalStateException(handler + " declares no @AllowedRoles: say which roles may call it");
            }
            RequestMappingInfo info = entry.getKey();
            if (info.getMethodsCondition().getMethods().isEmpty()) {
                throw new IllegalStateException(handler + " maps no HTTP method: name the ones it answers");
            }
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    rules.add(new Rule(
                            PathPatternRequestMatcher.pathPattern(method.asHttpMethod(), pattern), allowed.value()));
                    if (method == RequestMethod.GET) {
                        rules.add(new Rule(
                                PathPatternRequestMatcher.pathPattern(HttpMethod.HEAD, pattern), allowed.value()));
                    }
                }
            }
        }
        return rules;
    }

    private static RequestMatcher readable(String pattern) {
        RequestMatcher get = PathPatternRequestMatcher.pathPattern(HttpMethod.GET, pattern);
        RequestMatcher head = PathPatternRequestMatcher.pathPattern(HttpMethod.HEAD, pattern);
        return request -> get.matches(request) || head.matches(request);
    }
}
